/**
 * Logins for the node benches, as the extension makes them: fresh login keys (an X25519
 * session key and a candidate metadata key, wallet/loginKeys.ts) and an RS256 id token
 * minted with the dev provider's own key (iss, aud, sub, iat, exp, and the nonce binding
 * both public keys), so every share request costs a node the full check.
 */
import { importJWK, type JWK, SignJWT } from 'jose';
import { loginRequest, type NodeLogin } from '../../src/clients/nodes/types.ts';
import type { CandidateKey } from '../../src/wallet/backend.ts';
import { newLoginKeys } from '../../src/wallet/loginKeys.ts';

export const BENCH_VERIFIER = 'trine-dev';
export const BENCH_AUDIENCE = 'trine-extension';

/** A login with its candidate key's private half (a registration makes it the wallet's m). */
export type BenchLogin = NodeLogin & { candidate: CandidateKey };

export type LoginMinter = (subject: string) => Promise<BenchLogin>;

/** Logins of `issuer` signed with its private JWK (valid 15 minutes). */
export function loginMinter(issuer: string, jwk: JWK): LoginMinter {
  const key = importJWK(jwk, 'RS256');
  return async (subject) => {
    const { session, candidate, nonce } = await newLoginKeys();
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      iss: issuer,
      aud: BENCH_AUDIENCE,
      sub: subject,
      nonce,
      iat: now,
      exp: now + 900,
    })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .sign(await key);
    return { verifier: BENCH_VERIFIER, idToken, session, candidate };
  };
}

/** The POST /v1/share body of a login. */
export function shareRequestBody(login: NodeLogin): string {
  return JSON.stringify(loginRequest(login));
}
