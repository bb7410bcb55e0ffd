/**
 * The procedures of the approval window and the popup's connected-sites screen.
 */
import type { ConnectedSite, DappMessage, DappReplies } from '../../messages/dapp.ts';
import type { DappBackground } from './background.ts';

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
      return { ok: true, sites: await sites(services) };
    case 'dapp-revoke-site': {
      if ((await services.permissions.get(message.origin)) !== undefined) {
        await services.permissions.remove(message.origin);
        await services.events.toOrigin(message.origin, 'accountsChanged', []);
      }
      return { ok: true, sites: await sites(services) };
    }
  }
}

async function sites(services: DappBackground['services']): Promise<ConnectedSite[]> {
  return (await services.permissions.list()).map((p) => ({
    origin: p.origin,
    accounts: [...p.accounts],
    connectedAt: p.grantedAt,
  }));
}
