/**
 * The background's end of a page's connection (src/messages/pagePort.ts). Who the page is
 * comes from the browser's sender information of the connection (the requesting frame's
 * own origin), never from a message. Each request is parsed again here (a compromised
 * renderer could send anything), dispatched with the page as context, and answered on the
 * same connection; when the connection closes (page closed, navigated, frame removed,
 * worker stopped) the page's filters and subscriptions go with it.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { PAGE_PORT_NAME, type PortMessage, PortRequest } from '../../messages/pagePort.ts';
import { ProviderErrorCode, providerError } from '../../messages/providerErrors.ts';
import { ProviderRequest, type ProviderResponse } from '../../messages/rpc.ts';
import { dispatchProviderRequest } from './dispatch.ts';
import type { PageLink } from './filters/registry.ts';
import type { DappServices } from './services.ts';
import type { ProviderTabs } from './tabs.ts';

/** A web page's frame as the browser reports it, or undefined for a sender we never answer. */
export type PageSender = { origin: string; tabId?: number } | undefined;

export function acceptPagePort(
  port: Runtime.Port,
  sender: PageSender,
  { services, tabs }: { services: DappServices; tabs: ProviderTabs },
): void {
  if (port.name !== PAGE_PORT_NAME) return;
  if (sender === undefined) {
    port.disconnect();
    return;
  }
  let open = true;
  const post = (message: PortMessage) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch {
      open = false; // the page went while we worked
    }
  };
  const page: PageLink = { id: randomPageId(), deliver: (data) => post({ event: 'message', data }) };
  port.onDisconnect.addListener(() => {
    open = false;
    services.watches.dropPage(page.id);
  });
  port.onMessage.addListener((message: unknown) => {
    const envelope = v.safeParse(PortRequest, message);
    if (!envelope.success) return;
    void answer(envelope.output.request, sender, page, services, tabs).then((response) =>
      post({ id: envelope.output.id, response }),
    );
  });
}

async function answer(
  raw: unknown,
  sender: NonNullable<PageSender>,
  page: PageLink,
  services: DappServices,
  tabs: ProviderTabs,
): Promise<ProviderResponse> {
  const request = v.safeParse(ProviderRequest, raw);
  if (!request.success)
    return { error: providerError(ProviderErrorCode.invalidRequest, 'expected { method, params? }') };
  try {
    if (sender.tabId !== undefined) await tabs.seen(sender.tabId, sender.origin);
    return await dispatchProviderRequest(request.output, { origin: sender.origin, page }, services);
  } catch (error) {
    console.error('provider request failed', request.output.method, error);
    return { error: providerError(ProviderErrorCode.internal, 'internal error') };
  }
}

function randomPageId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
