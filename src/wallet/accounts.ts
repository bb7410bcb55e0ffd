/**
 * Accounts: several signing keys from the one threshold key k, without new shares.
 *
 *   k_0 = k
 *   k_i = hashToScalar(HMAC-SHA-256(k, "trine:account:v1" ‖ u32be(i)), "trine:account:v1")   (i ≥ 1)
 *
 * Hardened, one-way: k_i is a keyed hash of k, never k plus a public tweak, so an exported
 * account key reveals nothing of k nor of any other account (recovering k from k_i means
 * inverting HMAC). hashToScalar (src/crypto/hashToScalar.ts) stretches the 32 MAC bytes to
 * 48 with HKDF and reduces them into [1, n−1], so k_i is always a valid key.
 * The vector is test/vectors/accounts.json, computed independently by scripts/gen-vectors.ts.
 *
 * @example
 * const k1 = accountKey(k, 1);            // bigint; wipe the bytes you make of it
 * accountAddress(k, 1);                   // '0x…' (EIP-55)
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8, wipe } from '../crypto/bytes.ts';
import { hashToScalar } from '../crypto/hashToScalar.ts';
import { N, publicOf, scalarToBytes } from '../crypto/scalar.ts';
import { TAG } from '../crypto/tags.ts';
import { TrineError } from '../errors/index.ts';
import { addressOf } from './address.ts';

/** Indices are 31-bit (as BIP-32's hardened range is), so u32be(i) never wraps. */
export const MAX_ACCOUNT_INDEX = 0x7fff_ffff;

/** Throws `invalid-input` (field `index`) unless `index` is an integer in [0, MAX_ACCOUNT_INDEX]. */
export function assertAccountIndex(index: unknown): asserts index is number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_ACCOUNT_INDEX)
    throw new TrineError({
      code: 'invalid-input',
      message: `index: an account index is an integer from 0 to ${MAX_ACCOUNT_INDEX}`,
      details: { field: 'index' },
    });
}

/** The message HMAC'd for account i: tag ‖ i as 4 bytes, big-endian. */
function accountMessage(index: number): Uint8Array {
  const i = new Uint8Array(4);
  new DataView(i.buffer).setUint32(0, index, false);
  return concatBytes(utf8(TAG.account), i);
}

/** The signing key of account `index` (0 is k itself). */
export function accountKey(k: bigint, index: number): bigint {
  if (typeof k !== 'bigint' || k <= 0n || k >= N) throw new RangeError('k: expected a scalar in [1, n−1]');
  assertAccountIndex(index);
  if (index === 0) return k;
  const kBytes = scalarToBytes(k);
  const mac = hmac(sha256, kBytes, accountMessage(index)); // HMAC-SHA-256(k, tag ‖ i)
  try {
    return hashToScalar(mac, TAG.account); // 48 bytes of HKDF(mac), mod (n−1), + 1
  } finally {
    wipe(kBytes);
    wipe(mac);
  }
}

/** The address of account `index` (EIP-55 checksummed). */
export function accountAddress(k: bigint, index: number): `0x${string}` {
  return addressOf(publicOf(accountKey(k, index)));
}
