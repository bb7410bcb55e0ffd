/**
 * What the wallet reads from an id token before handing it to the nodes: the claims it
 * shows (email) and an early check that it is the token this login asked for. The nodes
 * verify the signature; a token failing these checks would fail there too, less clearly.
 */
import * as v from 'valibot';
import { fromBase64Url } from '../../crypto/bytes.ts';
import { TrineError } from '../../errors/index.ts';

const Claims = v.object({
  iss: v.string(),
  aud: v.union([v.string(), v.array(v.string())]),
  nonce: v.string(),
  email: v.optional(v.string()),
});

export function idTokenClaims(
  idToken: string,
  expected: { issuer: string; clientId: string; nonce: string },
): { email: string | null } {
  const rejected = (why: string) =>
    new TrineError({ code: 'token-rejected', message: `the id token ${why}`, status: 401 });
  const payload = idToken.split('.')[1];
  if (payload === undefined) throw rejected('is not a JWT');
  let claims: v.InferOutput<typeof Claims>;
  try {
    claims = v.parse(Claims, JSON.parse(new TextDecoder().decode(fromBase64Url(payload))));
  } catch {
    throw rejected('has unreadable claims');
  }
  if (claims.iss !== expected.issuer) throw rejected(`comes from ${claims.iss}, not ${expected.issuer}`);
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (!audiences.includes(expected.clientId)) throw rejected('is meant for another client');
  if (claims.nonce !== expected.nonce) throw rejected('is not bound to this sign-in');
  return { email: claims.email ?? null };
}
