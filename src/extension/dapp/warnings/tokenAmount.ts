/**
 * An allowance or transfer amount as a person reads it: "unlimited" from half the type's
 * range up (2^255 for uint256, 2^159 for Permit2's uint160: dApps ask for the maximum, or a
 * maximum minus a little, meaning "forever"), else in the token's decimals when known.
 */
import { type Address, formatUnits } from 'viem';
import type { TokenInfo } from '../simulate/tokenInfo.ts';

/** Whether `amount` of a `bits`-wide unsigned integer means "no limit". */
export function isUnlimited(amount: bigint, bits = 256): boolean {
  return amount >= 1n << BigInt(bits - 1);
}

/** @example tokenAmount(1_500_000n, { address, symbol: 'USDC', decimals: 6 }) // → '1.5 USDC' */
export function tokenAmount(amount: bigint, token: TokenInfo | undefined, bits = 256): string {
  const symbol = token?.symbol ?? 'tokens';
  if (isUnlimited(amount, bits)) return `unlimited ${symbol}`;
  if (token?.decimals === null || token?.decimals === undefined) return `${amount} (smallest units)`;
  return `${formatUnits(amount, token.decimals)} ${symbol}`;
}

/** The token as a row value: its symbol and address, or the address alone. */
export function tokenLabel(address: Address, token: TokenInfo | undefined): string {
  return token?.symbol === null || token?.symbol === undefined ? address : `${token.symbol} (${address})`;
}

/** A Unix time in seconds as an ISO date; "never" past the year 9999 (uint48/uint256 maxima). */
export function deadlineText(seconds: bigint): string {
  if (seconds >= 253_402_300_800n) return 'never';
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}
