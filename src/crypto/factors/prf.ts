/**
 * Passkey factor: the WebAuthn PRF extension returns 32 secret bytes for (credential,
 * salt). We always send the fixed salt `prfSalt()` as `prf.eval.first`, and turn the output
 * into the factor key with HKDF-SHA-256 (salt = "trine:prf-factor:v1") reduced to a scalar.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, utf8 } from '../bytes.ts';
import { hashToScalar } from '../hashToScalar.ts';
import { scalarToBytes } from '../scalar.ts';
import { TAG } from '../tags.ts';

/** The salt sent as `extensions.prf.eval.first` at create and get: SHA-256 of the tag. */
export function prfSalt(): Uint8Array {
  return sha256(utf8(TAG.prfSalt));
}

/** Factor key (32-byte scalar) from a PRF output (at least 32 bytes). */
export function factorKeyFromPrf(prfOutput: Uint8Array): Uint8Array {
  abytes(prfOutput, undefined, 'prfOutput');
  if (prfOutput.length < 32) throw new RangeError('prfOutput: expected at least 32 bytes');
  return scalarToBytes(hashToScalar(prfOutput, TAG.prfFactor, 'factor-key'));
}
