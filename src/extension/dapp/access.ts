/**
 * The checks in front of every method that uses the account: the wallet is unlocked, the
 * site is connected, and the account the dApp names is the one it was given.
 */
import { type Address, isAddressEqual } from 'viem';
import { lockedError, unauthorized } from './errors.ts';
import type { DappContext, DappServices } from './services.ts';

/** The account `context.origin` may use, or EIP-1193 4100. */
export async function requireAccount(
  context: DappContext,
  services: DappServices,
  named?: Address,
): Promise<Address> {
  const permission = await services.permissions.get(context.origin);
  if (permission === undefined)
    throw unauthorized(`${context.origin} is not connected to Trine; call eth_requestAccounts first.`);
  const address = await services.keyring.address();
  if (address === null) {
    await services.promptUnlock();
    throw lockedError();
  }
  const granted = permission.accounts.some((a) => isAddressEqual(a, address));
  if (!granted) throw unauthorized(`${context.origin} is not connected to the current account.`);
  if (named !== undefined && !isAddressEqual(named, address))
    throw unauthorized(`${context.origin} may not use account ${named}.`);
  return address;
}

export function chainSummary(chain: { chainId: `0x${string}`; name: string; symbol: string }) {
  return { chainId: chain.chainId, name: chain.name, symbol: chain.symbol };
}
