/**
 * A token amount for people: raw units (a decimal string, as TokenView carries it) in whole
 * tokens with at most 4 decimals, cut (never rounded up), grouped thousands left alone.
 *
 * @example
 * tokenAmount('12345678', 6); // '12.3456'
 * tokenAmount('5000000000000000000', 18); // '5'
 */
export function tokenAmount(raw: string, decimals: number): string {
  const value = BigInt(raw);
  const unit = 10n ** BigInt(decimals);
  const fraction = (value % unit).toString().padStart(decimals, '0').slice(0, 4).replace(/0+$/, '');
  return fraction === '' ? (value / unit).toString() : `${value / unit}.${fraction}`;
}
