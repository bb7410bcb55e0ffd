/**
 * ECIES over secp256k1, the design's format for shares at rest (factor shares).
 *
 *   e ← random scalar, E = e·G                     (ephemeral key, 33 bytes compressed)
 *   z = x(e·R)                                      (ECDH with the recipient key R)
 *   key = HKDF-SHA-256(ikm = z, salt = ∅, info = TAG ‖ E ‖ R, 32)
 *   ct = XChaCha20-Poly1305(key, nonce, aad = slot)(plaintext)
 *   sealed = 0x01 ‖ E ‖ nonce(24) ‖ ct ‖ tag(16)
 *
 * The info binds the scheme version and both public keys; the associated data binds the
 * slot (P, epoch, index, factorPub as canonical bytes), so a ciphertext copied to another
 * slot does not open.
 */

import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { TrineError } from '../errors/index.ts';
import { abytes, concatBytes, randomBytes, utf8, wipe } from './bytes.ts';
import { pointFromBytes, scalarFromBytes } from './scalar.ts';
import { TAG } from './tags.ts';

export const ECIES_SECP256K1_VERSION = 0x01;
const HEADER = 1 + 33 + 24;

function deriveKey(shared: Uint8Array, ephemeralPub: Uint8Array, recipientPub: Uint8Array): Uint8Array {
  const x = shared.subarray(1, 33); // x-coordinate of the ECDH point
  return hkdf(sha256, x, undefined, concatBytes(utf8(TAG.eciesSecp256k1), ephemeralPub, recipientPub), 32);
}

/** Seal `plaintext` to the secp256k1 public key `recipientPub` for one slot. */
export function eciesSeal(recipientPub: Uint8Array, plaintext: Uint8Array, slot: Uint8Array): Uint8Array {
  abytes(recipientPub, 33, 'recipientPub');
  abytes(plaintext, undefined, 'plaintext');
  abytes(slot, undefined, 'slot');
  pointFromBytes(recipientPub, 'recipientPub');
  const ephemeral = secp256k1.utils.randomSecretKey();
  const ephemeralPub = secp256k1.getPublicKey(ephemeral, true);
  const shared = secp256k1.getSharedSecret(ephemeral, recipientPub, true);
  const key = deriveKey(shared, ephemeralPub, recipientPub);
  const nonce = randomBytes(24);
  const ct = xchacha20poly1305(key, nonce, slot).encrypt(plaintext);
  wipe(ephemeral, shared, key);
  return concatBytes(new Uint8Array([ECIES_SECP256K1_VERSION]), ephemeralPub, nonce, ct);
}

/**
 * Open with the recipient's secret key. A wrong key, a flipped bit or another slot throw
 * TrineError('decrypt-failed'); a malformed header throws TrineError('invalid-input').
 * Pass `recipientPub` when known to save one base-point multiplication.
 */
export function eciesOpen(
  recipientSecret: Uint8Array,
  sealed: Uint8Array,
  slot: Uint8Array,
  recipientPub?: Uint8Array,
): Uint8Array {
  abytes(recipientSecret, 32, 'recipientSecret');
  scalarFromBytes(recipientSecret, 'recipientSecret'); // 0 or ≥ n: RangeError, not noble's bare Error
  abytes(sealed, undefined, 'sealed');
  abytes(slot, undefined, 'slot');
  if (recipientPub !== undefined) abytes(recipientPub, 33, 'recipientPub');
  if (sealed.length < HEADER + 16)
    throw new TrineError({ code: 'invalid-input', message: 'sealed: too short' });
  if (sealed[0] !== ECIES_SECP256K1_VERSION)
    throw new TrineError({ code: 'invalid-input', message: `sealed: unknown format version ${sealed[0]}` });
  const ephemeralPub = sealed.subarray(1, 34);
  try {
    pointFromBytes(ephemeralPub, 'ephemeralPub');
  } catch {
    throw new TrineError({ code: 'invalid-input', message: 'sealed: ephemeral key is not a curve point' });
  }
  const ownPub = recipientPub ?? secp256k1.getPublicKey(recipientSecret, true);
  const shared = secp256k1.getSharedSecret(recipientSecret, ephemeralPub, true);
  const key = deriveKey(shared, ephemeralPub, ownPub);
  try {
    return xchacha20poly1305(key, sealed.subarray(34, HEADER), slot).decrypt(sealed.subarray(HEADER));
  } catch {
    throw new TrineError({
      code: 'decrypt-failed',
      message: 'sealed share does not open with this key in this slot',
    });
  } finally {
    wipe(shared, key);
  }
}
