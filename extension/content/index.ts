/**
 * The isolated-world content script: a relay and nothing else. It keeps no state a page
 * could influence; it checks the shape of each request, hands it to the background (which
 * takes the origin from the browser, not from here) and posts the answer back.
 */

import * as v from 'valibot';
import browser from 'webextension-polyfill';
import {
  MAX_REQUEST_BYTES,
  type PageMessage,
  PageRequest,
  ProviderErrorCode,
  ProviderEventMessage,
  ProviderRequest,
  ProviderResponse,
  providerError,
  type RpcMessage,
  TO_INPAGE,
} from '../../src/messages/index.ts';

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window) return;
  const envelope = v.safeParse(PageRequest, event.data);
  if (!envelope.success) return; // not ours: pages post all sorts of messages
  void relay(envelope.output.id, envelope.output.request).then((response) => {
    const reply: PageMessage = { target: TO_INPAGE, id: envelope.output.id, response };
    window.postMessage(reply, window.location.origin);
  });
});

// Events from the background (accountsChanged, chainChanged) for this page only: the
// background's tab list can be a step behind a navigation to another origin.
browser.runtime.onMessage.addListener((message: unknown) => {
  const event = v.safeParse(ProviderEventMessage, message);
  if (!event.success || event.output.origin !== window.location.origin) return;
  const forPage: PageMessage = { target: TO_INPAGE, event: event.output.event, data: event.output.data };
  window.postMessage(forPage, window.location.origin);
});

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
  try {
    const message: RpcMessage = { type: 'rpc', request: request.output };
    const reply: unknown = await browser.runtime.sendMessage(message);
    if (v.is(ProviderResponse, reply)) return reply;
    return { error: providerError(ProviderErrorCode.internal, 'Trine gave no answer') };
  } catch {
    // The extension was reloaded or removed under this page.
    return {
      error: providerError(ProviderErrorCode.disconnected, 'Trine is not available in this page any more'),
    };
  }
}
