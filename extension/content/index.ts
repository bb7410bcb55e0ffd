/**
 * The isolated-world content script: a relay and nothing else. It runs in every frame
 * (each frame is its own page, with its own origin, to the background). It keeps no state
 * a page could influence; it checks the shape of each request and hands it to the
 * background over this page's connection (src/messages/pagePort.ts; the background takes
 * the origin from the browser, not from here) and posts the answer back. At load it tells
 * the provider whether to say `isMetaMask` (the user's setting for this site).
 */

import * as v from 'valibot';
import browser, { type Runtime } from 'webextension-polyfill';
import { metaMaskFlagFor, readMetaMaskFlag } from '../../src/extension/dapp/metaMaskFlag.ts';
import {
  MAX_REQUEST_BYTES,
  METAMASK_FLAG_EVENT,
  type PageMessage,
  PageRequest,
  ProviderErrorCode,
  ProviderEventMessage,
  ProviderRequest,
  ProviderResponse,
  providerError,
  TO_INPAGE,
} from '../../src/messages/index.ts';
import { PAGE_PORT_NAME, PortMessage, type PortRequest } from '../../src/messages/pagePort.ts';

/** This frame's origin (an about:blank frame has its creator's); "null" when opaque. */
const origin = window.origin;
const toPage = (message: PageMessage) => window.postMessage(message, origin);

// A sandboxed or data: frame has no origin a permission could name: no provider there.
if (origin !== 'null') {
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window) return;
    const envelope = v.safeParse(PageRequest, event.data);
    if (!envelope.success) return; // not ours: pages post all sorts of messages
    void relay(envelope.output.id, envelope.output.request).then((response) =>
      toPage({ target: TO_INPAGE, id: envelope.output.id, response }),
    );
  });

  // Events from the background (accountsChanged, chainChanged) go to every frame of a tab:
  // keep this frame's origin's only (the background's tab list can also be a step behind
  // a navigation to another origin).
  browser.runtime.onMessage.addListener((message: unknown) => {
    const event = v.safeParse(ProviderEventMessage, message);
    if (!event.success || event.output.origin !== origin) return;
    toPage({ target: TO_INPAGE, event: event.output.event, data: event.output.data });
  });

  void readMetaMaskFlag(browser.storage.local).then(
    (setting) =>
      toPage({ target: TO_INPAGE, event: METAMASK_FLAG_EVENT, data: metaMaskFlagFor(setting, origin) }),
    () => {}, // unreadable: the provider keeps its default
  );
}

let port: Runtime.Port | undefined;
let nextId = 1;
const waiting = new Map<number, (response: ProviderResponse) => void>();

/** This page's connection to the background, opened at its first request and again after the worker restarted. */
function pagePort(): Runtime.Port {
  if (port !== undefined) return port;
  const opened = browser.runtime.connect({ name: PAGE_PORT_NAME });
  opened.onMessage.addListener((message: unknown) => {
    const parsed = v.safeParse(PortMessage, message);
    if (!parsed.success) return;
    if ('event' in parsed.output) {
      toPage({ target: TO_INPAGE, event: 'message', data: parsed.output.data });
      return;
    }
    const settle = waiting.get(parsed.output.id);
    waiting.delete(parsed.output.id);
    const response = parsed.output.response;
    settle?.(
      v.is(ProviderResponse, response)
        ? response
        : { error: providerError(ProviderErrorCode.internal, 'Trine gave no answer') },
    );
  });
  opened.onDisconnect.addListener(() => {
    port = undefined;
    const error = gone()
      ? providerError(ProviderErrorCode.disconnected, 'Trine is not available in this page any more')
      : providerError(ProviderErrorCode.internal, 'Trine restarted while this request waited; send it again');
    for (const settle of waiting.values()) settle({ error });
    waiting.clear();
  });
  port = opened;
  return opened;
}

/** The extension was reloaded or removed under this page. */
function gone(): boolean {
  try {
    return browser.runtime.id === undefined;
  } catch {
    return true;
  }
}

async function relay(id: number, raw: unknown): Promise<ProviderResponse> {
  let size: number;
  try {
    size = JSON.stringify(raw ?? null).length;
  } catch {
    return {
      error: providerError(ProviderErrorCode.invalidRequest, 'request is not JSON (cycle or BigInt)'),
    };
  }
  if (size > MAX_REQUEST_BYTES) {
    return { error: providerError(ProviderErrorCode.invalidRequest, `request ${id} is larger than 1 MiB`) };
  }
  const request = v.safeParse(ProviderRequest, raw);
  if (!request.success) {
    const issue = request.issues[0];
    const field = issue.path?.map((p) => String(p.key)).join('.') ?? 'request';
    return { error: providerError(ProviderErrorCode.invalidRequest, `${field}: ${issue.message}`) };
  }
  return new Promise((resolve) => {
    const local = nextId++;
    waiting.set(local, resolve);
    try {
      const message: PortRequest = { id: local, request: request.output };
      pagePort().postMessage(message);
    } catch {
      waiting.delete(local);
      resolve({
        error: providerError(ProviderErrorCode.disconnected, 'Trine is not available in this page any more'),
      });
    }
  });
}
