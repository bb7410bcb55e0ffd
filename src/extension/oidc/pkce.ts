/**
 * PKCE (RFC 7636) and the `state` of one authorization request: random, base64url.
 * code_challenge = base64url(SHA-256(code_verifier)), method S256 (§4.2).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, toBase64Url, utf8 } from '../../crypto/bytes.ts';

export type Pkce = { verifier: string; challenge: string };

export function createPkce(): Pkce {
  const verifier = toBase64Url(randomBytes(32)); // 43 characters, inside §4.1's 43…128
  return { verifier, challenge: toBase64Url(sha256(utf8(verifier))) };
}

/** An unguessable `state` that ties the redirect to this request (RFC 6749 §10.12). */
export const randomState = (): string => toBase64Url(randomBytes(24));
