/**
 * What the wallet did, newest first: sends, signatures, connections. Issue 8 records
 * dApp actions with `recordActivity` and updates a send's status with `updateActivity`.
 */
import { invalidInput } from '../errors/index.ts';
import type { ActivityEntry, WalletDb } from './db.ts';

export async function recordActivity(
  db: WalletDb,
  entry: Omit<ActivityEntry, 'id' | 'at'> & { at?: number },
): Promise<ActivityEntry> {
  const stored: ActivityEntry = { ...entry, id: crypto.randomUUID(), at: entry.at ?? Date.now() };
  await db.put('activity', stored);
  return stored;
}

export async function updateActivity(
  db: WalletDb,
  id: string,
  change: Partial<Pick<ActivityEntry, 'status' | 'hash' | 'summary' | 'replacedBy'>>,
): Promise<ActivityEntry> {
  const tx = db.transaction('activity', 'readwrite');
  const current = await tx.store.get(id);
  if (current === undefined) throw invalidInput('activity.id', 'no such entry');
  const next = { ...current, ...change };
  await tx.store.put(next);
  await tx.done;
  return next;
}

export async function getActivity(db: WalletDb, id: string): Promise<ActivityEntry | undefined> {
  return db.get('activity', id);
}

export async function listActivity(db: WalletDb, limit = 100): Promise<ActivityEntry[]> {
  const items: ActivityEntry[] = [];
  let cursor = await db.transaction('activity').store.index('by-at').openCursor(null, 'prev');
  while (cursor && items.length < limit) {
    items.push(cursor.value);
    cursor = await cursor.continue();
  }
  return items;
}
