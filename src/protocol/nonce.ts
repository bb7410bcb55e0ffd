import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, toBase64Url } from '../crypto/bytes.ts';

/** The OIDC nonce that binds an id token to one login's session key: base64url(SHA-256(sessionPub)). */
export function sessionNonce(sessionPub: Uint8Array): string {
  abytes(sessionPub, 32, 'sessionPub');
  return toBase64Url(sha256(sessionPub));
}
