/**
 * Connecting a site (EIP-1102): ask the user in the approval window, remember the grant
 * for this origin only, and tell the site's tabs its accounts changed. Shared by
 * `eth_requestAccounts` and `wallet_requestPermissions`.
 */
import type { Address } from 'viem';
import { chainSummary } from '../access.ts';
import { lockedError } from '../errors.ts';
import type { DappContext, DappServices } from '../services.ts';

/** Concurrent connect requests of one origin wait on the same approval. */
const inFlight = new Map<string, Promise<Address>>();

export function connectSite(context: DappContext, services: DappServices): Promise<Address> {
  const running = inFlight.get(context.origin);
  if (running !== undefined) return running;
  const asking = askAndGrant(context, services).finally(() => inFlight.delete(context.origin));
  inFlight.set(context.origin, asking);
  return asking;
}

async function askAndGrant(context: DappContext, services: DappServices): Promise<Address> {
  const address = await services.keyring.address();
  if (address === null) {
    await services.promptUnlock();
    throw lockedError();
  }
  const chain = await services.chains.selected();
  await services.approvals.ask(context.origin, { kind: 'connect', address, chain: chainSummary(chain) });
  const grantedAt = Date.now();
  // A site connected before keeps the accounts it was granted (another account of the wallet).
  const before = (await services.permissions.get(context.origin))?.accounts ?? [];
  const accounts = [address, ...before.filter((a) => a.toLowerCase() !== address.toLowerCase())];
  await services.permissions.put({ origin: context.origin, accounts, grantedAt });
  await services.activity.add({
    kind: 'connect',
    origin: context.origin,
    hash: null,
    chainId: chain.chainId,
    status: 'done',
    summary: `Connected ${context.origin}`,
    at: grantedAt,
  });
  await services.events.toOrigin(context.origin, 'accountsChanged', [address]);
  return address;
}
