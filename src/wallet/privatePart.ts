/**
 * The private part of a metadata record: what only the wallet may read (factor labels,
 * passkey credential ids, times, settings, account names), AEAD-encrypted under
 *   key = HKDF-SHA-256(m, salt = "trine:metadata-private:v1", info = P)
 * and bound to the record's P.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import { aeadOpen, aeadSeal } from '../crypto/aead.ts';
import { fromHex, toHex, utf8 } from '../crypto/bytes.ts';
import { scalarToBytes } from '../crypto/scalar.ts';
import { TAG } from '../crypto/tags.ts';
import { parse } from '../protocol/parse.ts';
import { privateSlot } from '../protocol/slots.ts';
import { MAX_ACCOUNT_INDEX } from './accounts.ts';

export const FactorInfo = v.object({
  label: v.pipe(v.string(), v.maxLength(100)),
  createdAt: v.number(),
  lastUsedAt: v.optional(v.number()),
  /** base64url WebAuthn credential id of a passkey factor. */
  credentialId: v.optional(v.pipe(v.string(), v.maxLength(1024))),
});
export type FactorInfo = v.InferOutput<typeof FactorInfo>;

/** At most this many accounts in one wallet (the list is in every record write). */
export const MAX_ACCOUNTS = 100;

/** An account of the wallet (its key is derived from k: accounts.ts) and the name the user gave it. */
export const AccountInfo = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_ACCOUNT_INDEX)),
  name: v.pipe(v.string(), v.maxLength(100)),
});
export type AccountInfo = v.InferOutput<typeof AccountInfo>;

export const PrivatePart = v.object({
  v: v.literal(1),
  /** Keyed by factor public key (hex). */
  factors: v.record(v.string(), FactorInfo),
  /** Absent in records written before accounts existed: those have account 0 only (accountList.ts). */
  accounts: v.optional(v.pipe(v.array(AccountInfo), v.maxLength(MAX_ACCOUNTS))),
  settings: v.optional(v.record(v.string(), v.unknown())),
});
export type PrivatePart = v.InferOutput<typeof PrivatePart>;

export const emptyPrivatePart = (): PrivatePart => ({ v: 1, factors: {} });

function keyOf(m: bigint, P: string): Uint8Array {
  const mBytes = scalarToBytes(m);
  try {
    return hkdf(sha256, mBytes, utf8(TAG.metadataPrivate), fromHex(P, 32, 'P'), 32);
  } finally {
    mBytes.fill(0);
  }
}

export function sealPrivatePart(m: bigint, P: string, part: PrivatePart): string {
  const key = keyOf(m, P);
  try {
    return toHex(aeadSeal(key, utf8(JSON.stringify(part)), privateSlot(P)));
  } finally {
    key.fill(0);
  }
}

export function openPrivatePart(m: bigint, P: string, sealed: string): PrivatePart {
  const key = keyOf(m, P);
  try {
    const plain = aeadOpen(key, fromHex(sealed, undefined, 'private'), privateSlot(P));
    return parse(PrivatePart, JSON.parse(new TextDecoder().decode(plain)), 'private part');
  } finally {
    key.fill(0);
  }
}
