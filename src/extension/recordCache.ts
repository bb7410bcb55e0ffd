/**
 * The metadata record as last served (factor shares sealed to factor keys, the private
 * part under m: nothing opens without a factor), cached per wallet with what this browser
 * knows about the factors. Lets a locked wallet be named and two factors rebuild the key
 * without the network (recoverOffline).
 */
import type { RecordState } from '../wallet/backend.ts';
import type { FactorDescriptor, WalletDb } from './db.ts';

export async function cacheRecord(db: WalletDb, state: RecordState, now = Date.now()): Promise<void> {
  const { record } = state;
  const tx = db.transaction(['records', 'factors'], 'readwrite');
  await tx.objectStore('records').put({ P: record.P, ...state, cachedAt: now });
  const factors = tx.objectStore('factors');
  const known = await factors.index('by-P').getAll(record.P);
  for (const old of known) if (!record.factors.some((f) => f.pub === old.pub)) await factors.delete(old.pub);
  for (const f of record.factors) {
    const before = known.find((d) => d.pub === f.pub);
    await factors.put({ P: record.P, pub: f.pub, type: f.type, lastUsedAt: before?.lastUsedAt ?? null });
  }
  await tx.done;
}

export async function noteFactorUsed(db: WalletDb, pub: string, at = Date.now()): Promise<void> {
  const tx = db.transaction('factors', 'readwrite');
  const descriptor = await tx.store.get(pub);
  if (descriptor !== undefined) await tx.store.put({ ...descriptor, lastUsedAt: at });
  await tx.done;
}

export const factorDescriptors = (db: WalletDb, P: string): Promise<FactorDescriptor[]> =>
  db.getAllFromIndex('factors', 'by-P', P);
