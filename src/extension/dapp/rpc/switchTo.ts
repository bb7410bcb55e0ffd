/**
 * Make `chainId` the selected chain. The chain registry tells every connected site
 * (`chainChanged`, wired in background.ts); the asking site is told here if it is not
 * connected. The chain is global: one chain for every site, as the popup shows.
 */
import type { Hex } from 'viem';
import type { DappContext, DappServices } from '../services.ts';

export async function switchTo(chainId: Hex, context: DappContext, services: DappServices): Promise<void> {
  await services.chains.select(chainId);
  if ((await services.permissions.get(context.origin)) === undefined)
    await services.events.toOrigin(context.origin, 'chainChanged', chainId);
}
