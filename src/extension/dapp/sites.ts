/**
 * The procedures of the approval window and the popup's connected-sites screen: the
 * waiting requests and their decisions, the connected sites, disconnecting one, and the
 * MetaMask-compatibility setting (global and per site).
 */
import browser from 'webextension-polyfill';
import type { DappMessage, DappReplies, SitesView } from '../../messages/dapp.ts';
import type { DappBackground } from './background.ts';
import {
  changeMetaMaskFlag,
  type MetaMaskFlagSetting,
  metaMaskFlagFor,
  readMetaMaskFlag,
} from './metaMaskFlag.ts';

export async function handleDappMessage(
  message: DappMessage,
  { services }: DappBackground,
): Promise<DappReplies[DappMessage['type']]> {
  switch (message.type) {
    case 'dapp-approvals':
      return { ok: true, requests: services.approvals.list() };
    case 'dapp-decide':
      services.approvals.decide(message.id, message.approve);
      return { ok: true, remaining: services.approvals.size };
    case 'dapp-sites':
      return sites(services, await readMetaMaskFlag(browser.storage.local));
    case 'dapp-revoke-site': {
      if ((await services.permissions.get(message.origin)) !== undefined) {
        await services.permissions.remove(message.origin);
        await services.events.toOrigin(message.origin, 'accountsChanged', []);
      }
      // A site connected again later starts from the global choice.
      const flag = await changeMetaMaskFlag(browser.storage.local, { origin: message.origin, enabled: null });
      return sites(services, flag);
    }
    case 'dapp-metamask-flag': {
      const change =
        message.origin === undefined
          ? { enabled: message.enabled }
          : { origin: message.origin, enabled: message.enabled };
      return sites(services, await changeMetaMaskFlag(browser.storage.local, change));
    }
  }
}

async function sites(services: DappBackground['services'], flag: MetaMaskFlagSetting): Promise<SitesView> {
  const connected = (await services.permissions.list()).map((p) => ({
    origin: p.origin,
    accounts: [...p.accounts],
    connectedAt: p.grantedAt,
    metaMaskFlag: metaMaskFlagFor(flag, p.origin),
  }));
  return { ok: true, sites: connected, metaMaskFlag: flag.enabled };
}
