/**
 * The pseudonym under which the metadata server files a user's record:
 *   P = HMAC-SHA-256(networkSalt, canonical({ verifier, subject }))
 * Every node computes the same P; the metadata server never learns (verifier, subject).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, concatBytes, utf8 } from './bytes.ts';
import { canonicalBytes } from './canonical.ts';
import { TAG } from './tags.ts';

export function pseudonym(networkSalt: Uint8Array, verifier: string, subject: string): Uint8Array {
  abytes(networkSalt, 32, 'networkSalt');
  if (typeof verifier !== 'string' || verifier.length === 0) throw new TypeError('verifier: expected a name');
  if (typeof subject !== 'string' || subject.length === 0) throw new TypeError('subject: expected a string');
  return hmac(
    sha256,
    networkSalt,
    concatBytes(utf8(TAG.pseudonym), new Uint8Array([0]), canonicalBytes({ verifier, subject })),
  );
}
