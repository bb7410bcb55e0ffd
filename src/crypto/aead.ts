/**
 * Symmetric authenticated encryption: XChaCha20-Poly1305 with a fresh random 24-byte
 * nonce per message (managed nonce: callers cannot reuse one). Format: nonce ‖ ct ‖ tag.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { TrineError } from '../errors/index.ts';
import { abytes, concatBytes, randomBytes } from './bytes.ts';

const NONCE = 24;
const TAG_LEN = 16;

export function aeadSeal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  abytes(key, 32, 'key');
  abytes(plaintext, undefined, 'plaintext');
  abytes(aad, undefined, 'aad');
  const nonce = randomBytes(NONCE);
  return concatBytes(nonce, xchacha20poly1305(key, nonce, aad).encrypt(plaintext));
}

/** Throws TrineError('decrypt-failed') on a bad tag; no plaintext is released then. */
export function aeadOpen(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  abytes(key, 32, 'key');
  abytes(sealed, undefined, 'sealed');
  abytes(aad, undefined, 'aad');
  if (sealed.length < NONCE + TAG_LEN)
    throw new TrineError({ code: 'decrypt-failed', message: 'ciphertext too short' });
  try {
    return xchacha20poly1305(key, sealed.subarray(0, NONCE), aad).decrypt(sealed.subarray(NONCE));
  } catch {
    throw new TrineError({
      code: 'decrypt-failed',
      message: 'ciphertext does not open with this key in this slot',
    });
  }
}
