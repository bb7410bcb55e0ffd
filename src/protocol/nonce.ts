/**
 * The OIDC nonce of one login binds the id token to two public keys the login's client
 * drew for it (ARCHITECTURE §4, registration):
 *   nonce = base64url(SHA-256("trine:login-nonce:v1" ‖ 0x00 ‖ sessionPub ‖ candidateM))
 * - sessionPub (X25519, 32 bytes): the nodes seal their answers to it, so a replayed
 *   token yields nothing its replayer can open;
 * - candidateM (secp256k1, 33 bytes compressed): the metadata key this login registers
 *   with if the user is new. Nodes copy it into their attestations and the metadata server
 *   admits a create only when the record's M equals it and the create is signed by m, so
 *   whoever merely saw {idToken, sessionPub, candidateM} cannot register a wallet of
 *   their own for this user.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { abytes, concatBytes, toBase64Url, utf8 } from '../crypto/bytes.ts';
import { TAG } from '../crypto/tags.ts';

export function loginNonce(sessionPub: Uint8Array, candidateM: Uint8Array): string {
  abytes(sessionPub, 32, 'sessionPub');
  abytes(candidateM, 33, 'candidateM');
  return toBase64Url(sha256(concatBytes(utf8(TAG.loginNonce), new Uint8Array([0]), sessionPub, candidateM)));
}
