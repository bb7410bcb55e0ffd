/**
 * The storage key check: a value sealed under the storage key when the store is first
 * used. At start-up it must open, so a node started with the wrong key stops with a clear
 * message instead of answering "unknown" for every user (and inviting re-registration).
 */
import { aeadOpen, aeadSeal } from '../crypto/aead.ts';
import { utf8 } from '../crypto/bytes.ts';
import { canonicalBytes } from '../crypto/canonical.ts';
import { TrineError } from '../errors/index.ts';
import type { NodeStore } from './store/contract.ts';

const NAME = 'storage-key-check';
const slot = canonicalBytes({ slot: 'node-storage-key-check', v: 1 });
const plaintext = utf8('trine node storage key check v1');

export async function assertStorageKey(store: NodeStore, key: Uint8Array): Promise<void> {
  let check = await store.getSetting(NAME);
  if (!check) {
    if ((await store.count()) > 0)
      throw new TrineError({
        code: 'invalid-input',
        message: 'the store holds records but no storage key check; refusing to guess the storage key',
      });
    check = await store.initSetting(NAME, aeadSeal(key, plaintext, slot));
  }
  try {
    aeadOpen(key, check, slot);
  } catch {
    throw new TrineError({
      code: 'invalid-input',
      message:
        'the storage key does not open this store: it was created with another storageKey. ' +
        'Start the node with the secrets it was created with (or restore them from the backup).',
    });
  }
}
