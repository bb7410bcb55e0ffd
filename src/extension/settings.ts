/**
 * Wallet settings in IndexedDB (not secret): auto-lock delay, selected chain, and which
 * wallet (pseudonym P) this browser last unlocked, so a locked wallet can be named.
 */
import type { WalletDb } from './db.ts';

export type Settings = {
  autoLockMinutes: number;
  selectedChainId: `0x${string}` | null;
  /** P of the wallet last unlocked here, with the email it was signed in with. */
  lastWallet: { P: string; email: string | null } | null;
};

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, selectedChainId: null, lastWallet: null };

export async function getSetting<K extends keyof Settings>(db: WalletDb, key: K): Promise<Settings[K]> {
  const value = (await db.get('settings', key)) as Settings[K] | undefined;
  return value === undefined ? DEFAULT_SETTINGS[key] : value;
}

export async function setSetting<K extends keyof Settings>(
  db: WalletDb,
  key: K,
  value: Settings[K],
): Promise<void> {
  await db.put('settings', value, key);
}
