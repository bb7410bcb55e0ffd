/**
 * Answers EIP-1193 requests relayed from web pages, and the approval window's and the
 * connected-sites screen's procedures. Wiring only: the methods live in
 * src/extension/dapp/rpc/, one file each.
 */
import browser from 'webextension-polyfill';
import { createDappBackground, type DappBackground } from '../../src/extension/dapp/background.ts';
import { dispatchProviderRequest } from '../../src/extension/dapp/dispatch.ts';
import { handleDappMessage } from '../../src/extension/dapp/sites.ts';
import { builtInChains } from '../../src/extension/knownChains.ts';
import type { DappMessage, DappReplies } from '../../src/messages/dapp.ts';
import type { ProviderRequest, ProviderResponse } from '../../src/messages/index.ts';
import { config, walletDb } from './context.ts';
import { classifySender } from './sender.ts';

export type ProviderContext = {
  /** The requesting page's origin, from the browser's sender information. */
  origin: string;
  /** The tab it came from (events go back there). */
  tabId?: number;
};

let dapp: DappBackground | undefined;
function background(): DappBackground {
  dapp ??= createDappBackground({
    db: walletDb,
    builtInChains: builtInChains(config.chains),
    approvalPageUrl: browser.runtime.getURL('pages/approval.html'),
    pageSender: (sender) => {
      const page = classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
      if (page?.kind !== 'web-page') return undefined;
      return page.tabId === undefined ? { origin: page.origin } : { origin: page.origin, tabId: page.tabId };
    },
  });
  return dapp;
}

/** The dApp side's services: the wallet's Send uses the same keyring, nonces and activity log. */
export function dappServices(): DappBackground['services'] {
  return background().services;
}

export async function handleProviderRequest(
  request: ProviderRequest,
  context: ProviderContext,
): Promise<ProviderResponse> {
  const { services, tabs } = background();
  if (context.tabId !== undefined) await tabs.seen(context.tabId, context.origin);
  return dispatchProviderRequest(request, { origin: context.origin }, services);
}

export function handleDappProcedure(message: DappMessage): Promise<DappReplies[DappMessage['type']]> {
  return handleDappMessage(message, background());
}

// Listeners must be registered in the worker's first turn to wake it for their events.
background();
