/**
 * An amount as typed (decimal, in the asset's units: "1.5" ETH, "20" USDC) to its raw
 * integer (wei, token units). Refused: empty, not a plain decimal, negative, zero, more
 * fraction digits than the asset has, and more than a uint256 holds.
 */
import { formatUnits, maxUint256, parseUnits } from 'viem';
import { invalidInput } from '../../errors/index.ts';

/**
 * @example
 * parseAmount('1.5', 18, 'ETH') // → 1_500_000_000_000_000_000n
 * parseAmount('0.1234567', 6, 'USDC') // throws: USDC has 6 decimals
 */
export function parseAmount(text: string, decimals: number, symbol: string): bigint {
  if (typeof text !== 'string') throw new TypeError('amount: expected a string');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255)
    throw new RangeError('decimals: 0 … 255');
  const typed = text.trim();
  if (typed === '') throw invalidInput('amount', 'enter an amount');
  if (/^-/.test(typed)) throw invalidInput('amount', 'the amount must be more than zero');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(typed);
  if (match === null || (match[1] === '' && (match[2] ?? '') === ''))
    throw invalidInput('amount', `${typed} is not a number: write it like 1.5`);
  const fraction = match[2] ?? '';
  if (fraction.length > decimals)
    throw invalidInput(
      'amount',
      decimals === 0
        ? `${symbol} has no decimals: send a whole number`
        : `${symbol} has ${decimals} decimals; ${typed} has ${fraction.length}`,
    );
  const raw = parseUnits(`${match[1] || '0'}.${fraction || '0'}`, decimals);
  if (raw === 0n) throw invalidInput('amount', 'the amount must be more than zero');
  if (raw > maxUint256) throw invalidInput('amount', 'the amount is too large');
  return raw;
}

/** Raw units for people: "1.5 ETH". */
export function formatAmount(raw: bigint, decimals: number, symbol: string): string {
  return `${formatUnits(raw, decimals)} ${symbol}`;
}
