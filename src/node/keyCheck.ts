/**
 * The storage key check: a value sealed under the storage key when the store is first
 * used. At start-up it must open, so a node started with the wrong key stops with a clear
 * message instead of answering "unknown" for every user (and inviting re-registration).
 *
 * While a storage key rotation runs (rotateStorageKey.ts) a second check, sealed under the
 * new key, marks the store as half re-encrypted: the node refuses to start on it (with
 * either key) and a running node stops being ready, until the rotation is run to its end,
 * which swaps the checks.
 */
import { aeadOpen, aeadSeal } from '../crypto/aead.ts';
import { utf8 } from '../crypto/bytes.ts';
import { canonicalBytes } from '../crypto/canonical.ts';
import { TrineError } from '../errors/index.ts';
import type { NodeStore } from './store/contract.ts';

/** Setting that holds the check under the store's storage key. */
export const KEY_CHECK = 'storage-key-check';
/** Setting that holds the check under the new key while a rotation is unfinished. */
export const ROTATION_CHECK = 'storage-key-rotation';

const slot = canonicalBytes({ slot: 'node-storage-key-check', v: 1 });
const plaintext = utf8('trine node storage key check v1');

/** A fresh check value for `key` (the record key derived from the storage key). */
export function sealKeyCheck(key: Uint8Array): Uint8Array {
  return aeadSeal(key, plaintext, slot);
}

/** Whether `sealed` is the check of `key`. */
export function opensKeyCheck(key: Uint8Array, sealed: Uint8Array): boolean {
  try {
    aeadOpen(key, sealed, slot);
    return true;
  } catch {
    return false;
  }
}

const unfinishedRotation = () =>
  new TrineError({
    code: 'invalid-input',
    message:
      'a storage key rotation of this store is unfinished: run `npm run node:rotate-storage-key` again ' +
      'with the same --secrets and --new-secrets files to finish it, then start the node with the new secrets',
  });

export async function assertStorageKey(store: NodeStore, key: Uint8Array): Promise<void> {
  if (await store.getSetting(ROTATION_CHECK)) throw unfinishedRotation();
  let check = await store.getSetting(KEY_CHECK);
  if (!check) {
    if ((await store.count()) > 0)
      throw new TrineError({
        code: 'invalid-input',
        message: 'the store holds records but no storage key check; refusing to guess the storage key',
      });
    check = await store.initSetting(KEY_CHECK, sealKeyCheck(key));
  }
  if (!opensKeyCheck(key, check))
    throw new TrineError({
      code: 'invalid-input',
      message:
        'the storage key does not open this store: it was created with another storageKey. ' +
        'Start the node with the secrets it was created with (or restore them from the backup).',
    });
}

/** Readiness (GET /readyz): the store answers and the running key still opens it. */
export async function assertStoreReady(store: NodeStore, key: Uint8Array): Promise<void> {
  try {
    await store.ping();
  } catch (error) {
    throw new TrineError({ code: 'internal', message: `store: ${(error as Error).message}` });
  }
  if (await store.getSetting(ROTATION_CHECK))
    throw new TrineError({ code: 'internal', message: 'store: a storage key rotation is in progress' });
  const check = await store.getSetting(KEY_CHECK);
  if (!check || !opensKeyCheck(key, check))
    throw new TrineError({ code: 'internal', message: 'store: the storage key no longer opens this store' });
}
