/**
 * Rotates a node's storage key: every record and every inbox row of the store is opened
 * under the current key and sealed again under the new one, same slot (P, or P and the
 * inbox key), same plaintext. The node is stopped meanwhile (it refuses to start on a store
 * whose rotation is unfinished, see keyCheck.ts); the other nodes serve its users, as for
 * any N − t nodes down.
 *
 * Crash-safe and resumable, with no per-row bookkeeping: AEAD tells which key a row is
 * sealed under (a row opens under exactly one of them), so a rerun skips rows already under
 * the new key and continues. Steps, each durable before the next:
 *   1. ROTATION_CHECK := check sealed under the new key (marks the store as rotating and
 *      binds the rotation to that key: a rerun with another new key is refused);
 *   2. rows re-sealed in batches, each batch one transaction, each row only if it still
 *      holds the ciphertext that was read (reseal is a compare-and-swap);
 *   3. KEY_CHECK := check under the new key, then ROTATION_CHECK deleted.
 * A kill between any two statements leaves a store the rerun finishes; the new key must be
 * kept from step 1 on (the command writes the new secrets file before step 1).
 */
import { aeadOpen, aeadSeal } from '../crypto/aead.ts';
import { wipe } from '../crypto/bytes.ts';
import { TrineError } from '../errors/index.ts';
import { nodeInboxSlot, nodeStorageSlot } from '../protocol/slots.ts';
import { KEY_CHECK, opensKeyCheck, ROTATION_CHECK, sealKeyCheck } from './keyCheck.ts';
import type { NodeStore, Reseal, SealedRow } from './store/contract.ts';

export type RotateStorageKeyParameters = {
  store: NodeStore;
  /** Record keys (record.ts `recordKey`) of the current and of the new storage key. */
  oldKey: Uint8Array;
  newKey: Uint8Array;
  /** Rows per transaction. */
  batch?: number;
  /** Called after each batch with the totals so far. */
  onProgress?: (progress: RotationProgress) => void;
};

export type RotationProgress = { table: 'records' | 'inboxes'; resealed: number; alreadyNew: number };

export type RotateStorageKeyReturnType = {
  /** Rows this run re-sealed, and rows it found already under the new key (an earlier run's). */
  records: { resealed: number; alreadyNew: number };
  inboxes: { resealed: number; alreadyNew: number };
  /** True when the store was already under the new key with no rotation pending. */
  alreadyDone: boolean;
};

const fail = (message: string) => new TrineError({ code: 'invalid-input', message });

const slotOf = (table: 'records' | 'inboxes', row: SealedRow) =>
  table === 'records' ? nodeStorageSlot(row.P) : nodeInboxSlot(row.P, row.pub ?? '');

function tryOpen(key: Uint8Array, sealed: Uint8Array, slot: Uint8Array): Uint8Array | undefined {
  try {
    return aeadOpen(key, sealed, slot);
  } catch {
    return undefined;
  }
}

/** Steps 1 and the checks before it; returns false when there is nothing to do. */
async function begin(store: NodeStore, oldKey: Uint8Array, newKey: Uint8Array): Promise<boolean> {
  const marker = await store.getSetting(ROTATION_CHECK);
  if (marker) {
    if (!opensKeyCheck(newKey, marker))
      throw fail(
        'this store is being rotated to another new storage key: rerun with the --new-secrets file that rotation wrote',
      );
    return true;
  }
  const check = await store.getSetting(KEY_CHECK);
  if (check && opensKeyCheck(newKey, check)) return false; // finished earlier
  if (!check) {
    if ((await store.count()) > 0)
      throw fail('the store holds records but no storage key check; refusing to guess the storage key');
  } else if (!opensKeyCheck(oldKey, check)) {
    throw fail('the current storage key (--secrets) does not open this store: nothing was changed');
  }
  await store.putSetting(ROTATION_CHECK, sealKeyCheck(newKey));
  return true;
}

async function rotateTable(
  p: RotateStorageKeyParameters,
  table: 'records' | 'inboxes',
): Promise<{ resealed: number; alreadyNew: number }> {
  const batch = p.batch ?? 200;
  const totals = { resealed: 0, alreadyNew: 0 };
  let after = '';
  for (;;) {
    const rows = await p.store.sealedRows(table, after, batch);
    if (rows.length === 0) return totals;
    const changes: Reseal[] = [];
    for (const row of rows) {
      const slot = slotOf(table, row);
      const underNew = tryOpen(p.newKey, row.sealed, slot);
      if (underNew) {
        wipe(underNew);
        totals.alreadyNew += 1;
        continue;
      }
      const plaintext = tryOpen(p.oldKey, row.sealed, slot);
      if (!plaintext)
        throw new TrineError({
          code: 'internal',
          message: `a row of ${table} opens under neither the current nor the new storage key (damaged or copied from another store); rows before it are re-sealed, the rotation stays unfinished`,
        });
      changes.push({ table, P: row.P, from: row.sealed, to: aeadSeal(p.newKey, plaintext, slot) });
      wipe(plaintext);
    }
    if (changes.length > 0) {
      const applied = await p.store.reseal(changes);
      if (applied !== changes.length)
        throw new TrineError({
          code: 'internal',
          message:
            'rows changed while being re-sealed: stop the node (it must not run during the rotation), then rerun the rotation',
        });
      totals.resealed += applied;
    }
    after = rows.at(-1)!.P;
    p.onProgress?.({ table, ...totals });
  }
}

export async function rotateStorageKey(p: RotateStorageKeyParameters): Promise<RotateStorageKeyReturnType> {
  const none = { resealed: 0, alreadyNew: 0 };
  if (!(await begin(p.store, p.oldKey, p.newKey))) return { records: none, inboxes: none, alreadyDone: true };
  const records = await rotateTable(p, 'records');
  const inboxes = await rotateTable(p, 'inboxes');
  await p.store.putSetting(KEY_CHECK, sealKeyCheck(p.newKey)); // step 3: the old key stops opening the store
  await p.store.deleteSetting(ROTATION_CHECK);
  return { records, inboxes, alreadyDone: false };
}
