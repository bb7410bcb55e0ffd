/**
 * A node's record of one user, sealed at rest:
 *   sealed = AEAD(storageKey', canonical(record), slot = nodeStorageSlot(P))
 *   storageKey' = HKDF-SHA-256(storageKey, info = "trine:node-storage:v1")
 * The slot binds the ciphertext to P: a row copied under another P does not open.
 * Record: { v, epoch, share = F(j) ‖ G(j), commitments, K, M, dealingHash } (PROTOCOL.md).
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import { aeadOpen, aeadSeal } from '../crypto/aead.ts';
import { abytes, utf8 } from '../crypto/bytes.ts';
import { canonicalBytes } from '../crypto/canonical.ts';
import { TAG } from '../crypto/tags.ts';
import { TrineError } from '../errors/index.ts';
import { MAX_EPOCH, MAX_NODES } from '../protocol/formats.ts';
import { hex, int, parse, point } from '../protocol/parse.ts';
import { nodeStorageSlot } from '../protocol/slots.ts';

const points = v.pipe(v.array(point), v.minLength(1), v.maxLength(MAX_NODES));

export const NodeRecord = v.strictObject({
  v: v.literal(1),
  epoch: int(1, MAX_EPOCH),
  /** F(j) ‖ G(j): this node's sub-shares (64 bytes). */
  share: hex(64),
  commitments: v.strictObject({ F: points, G: points }),
  K: point,
  M: point,
  dealingHash: hex(32),
});
export type NodeRecord = v.InferOutput<typeof NodeRecord>;

/** The AEAD key for records, derived from the configured storage key. */
export function recordKey(storageKey: Uint8Array): Uint8Array {
  abytes(storageKey, 32, 'storageKey');
  return hkdf(sha256, storageKey, undefined, utf8(TAG.nodeStorage), 32);
}

export function sealRecord(key: Uint8Array, P: string, record: NodeRecord): Uint8Array {
  return aeadSeal(key, canonicalBytes(record), nodeStorageSlot(P));
}

/** Opens and validates a stored record; a wrong key or a tampered row is a 500, never a silent miss. */
export function openRecord(key: Uint8Array, P: string, sealed: Uint8Array): NodeRecord {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(aeadOpen(key, sealed, nodeStorageSlot(P))));
  } catch (cause) {
    throw new TrineError({
      code: 'internal',
      message: 'a stored record does not open with the storage key',
      cause,
    });
  }
  return parse(NodeRecord, json, 'stored record');
}
