/**
 * The keys one OpenID login is bound to (ARCHITECTURE §4): a fresh X25519 session key (the
 * nodes seal their answers to it) and a fresh candidate metadata key m (the wallet's m if
 * this login registers). The id token's nonce commits to both public keys, so the token
 * is worthless to anyone without the two private halves: a replay gets answers it cannot
 * open, and a create it cannot sign.
 *
 * @example
 * const keys = await newLoginKeys();
 * const url = authorizationUrl({ ..., nonce: keys.nonce });
 */
import { toHex } from '../crypto/bytes.ts';
import { publicOf, randomScalar } from '../crypto/scalar.ts';
import { generateX25519, type X25519KeyPair } from '../crypto/x25519.ts';
import { loginNonce } from '../protocol/nonce.ts';
import type { CandidateKey } from './backend.ts';

export type LoginKeys = { session: X25519KeyPair; candidate: CandidateKey; nonce: string };

export async function newLoginKeys(): Promise<LoginKeys> {
  const session = await generateX25519();
  const m = randomScalar();
  const M = publicOf(m).toBytes(true);
  return { session, candidate: { m, M: toHex(M) }, nonce: loginNonce(session.publicKey, M) };
}
