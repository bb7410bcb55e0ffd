/**
 * Which account this browser has selected, per wallet: a device setting (IndexedDB
 * `settings`, not secret, not synced through the record). The account list itself is in
 * the record's private part, so every device sees the same accounts but each picks its own.
 * A stored index the wallet does not have (another wallet, or an unreadable value) means
 * account 0.
 */
import type { WalletDb } from '../db.ts';

const KEY = 'selectedAccount';

type Stored = { P: string; index: number };

export async function loadSelectedAccount(
  db: WalletDb,
  P: string,
  known: readonly number[],
): Promise<number> {
  const value = (await db.get('settings', KEY)) as Partial<Stored> | undefined;
  if (value?.P !== P || typeof value.index !== 'number' || !known.includes(value.index)) return 0;
  return value.index;
}

export async function saveSelectedAccount(db: WalletDb, P: string, index: number): Promise<void> {
  await db.put('settings', { P, index } satisfies Stored, KEY);
}
