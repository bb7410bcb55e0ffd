/**
 * Share requests for the node benches: a login as the extension makes it, with an RS256 id
 * token minted with the dev provider's own key (iss, aud, sub, iat, exp, and the nonce bound
 * to the login's fresh X25519 session key), so every request costs a node the full check.
 */
import { importJWK, type JWK, SignJWT } from 'jose';
import type { NodeLogin } from '../../src/clients/nodes/types.ts';
import { toHex } from '../../src/crypto/bytes.ts';
import { generateX25519 } from '../../src/crypto/x25519.ts';
import { sessionNonce } from '../../src/protocol/nonce.ts';

export const BENCH_VERIFIER = 'trine-dev';
export const BENCH_AUDIENCE = 'trine-extension';

export type LoginMinter = (subject: string) => Promise<NodeLogin>;

/** Logins of `issuer` signed with its private JWK (valid 15 minutes). */
export function loginMinter(issuer: string, jwk: JWK): LoginMinter {
  const key = importJWK(jwk, 'RS256');
  return async (subject) => {
    const session = await generateX25519();
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      iss: issuer,
      aud: BENCH_AUDIENCE,
      sub: subject,
      nonce: sessionNonce(session.publicKey),
      iat: now,
      exp: now + 900,
    })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .sign(await key);
    return { verifier: BENCH_VERIFIER, idToken, session };
  };
}

/** The POST /v1/share body of a login. */
export function shareRequestBody(login: NodeLogin): string {
  return JSON.stringify({
    verifier: login.verifier,
    idToken: login.idToken,
    sessionPub: toHex(login.session.publicKey),
  });
}
