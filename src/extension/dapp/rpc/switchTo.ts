/**
 * Make `chainId` the selected chain and tell every connected site (and the asking one)
 * with `chainChanged`. The chain is global: one chain for every site, as the popup shows.
 */
import type { Hex } from 'viem';
import type { DappContext, DappServices } from '../services.ts';

export async function switchTo(chainId: Hex, context: DappContext, services: DappServices): Promise<void> {
  await services.chains.select(chainId);
  await services.events.toConnected('chainChanged', chainId);
  if ((await services.permissions.get(context.origin)) === undefined)
    await services.events.toOrigin(context.origin, 'chainChanged', chainId);
}
