import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, utf8, wipe } from './bytes.ts';
import { N } from './scalar.ts';

/**
 * Derive a scalar in [1, n−1] from key material: 48 bytes of HKDF-SHA-256 output
 * (salt = the purpose tag) reduced mod (n−1), plus 1. 48 bytes keep the modulo bias
 * below 2⁻¹²⁸ (FIPS 186-5 A.2.1, as hash-to-field does).
 */
export function hashToScalar(ikm: Uint8Array, purpose: string, info = ''): bigint {
  abytes(ikm, undefined, 'ikm');
  const okm = hkdf(sha256, ikm, utf8(purpose), utf8(info), 48);
  let x = 0n;
  for (const b of okm) x = (x << 8n) | BigInt(b);
  wipe(okm);
  return (x % (N - 1n)) + 1n;
}
