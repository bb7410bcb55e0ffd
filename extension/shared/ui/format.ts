/** Display helpers: amounts in ether units, dates, factor names. */
import type { FactorView } from '../../../src/messages/wallet.ts';

/** Wei (decimal string) in whole units with at most 4 decimals, without trailing zeros. */
export function formatBalance(wei: string): string {
  const value = BigInt(wei);
  const unit = 10n ** 18n;
  const fraction = (value % unit).toString().padStart(18, '0').slice(0, 4).replace(/0+$/, '');
  return fraction === '' ? (value / unit).toString() : `${value / unit}.${fraction}`;
}

export function formatDate(at: number | null): string {
  if (at === null) return 'never';
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const factorNames: Record<FactorView['type'], string> = {
  passkey: 'Passkey',
  phrase: 'Recovery phrase',
  password: 'Password',
  device: 'Device key',
  imported: 'Imported key',
};

/** "Recovery phrase", "Recovery phrase 2", …: two factors of one type stay tellable apart. */
export function uniqueLabel(base: string, factors: readonly { label: string }[]): string {
  const taken = new Set(factors.map((factor) => factor.label));
  let label = base;
  for (let n = 2; taken.has(label); n++) label = `${base} ${n}`;
  return label;
}
