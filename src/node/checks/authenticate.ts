/**
 * Who is asking: verifies the login material every node request carries (id token bound
 * to sessionPub, see verifyIdToken.ts), computes the user's pseudonym
 * P = HMAC(networkSalt, {verifier, subject}) and applies the per-identity rate limit.
 * The subject itself goes no further than this function.
 */
import { fromHex, toHex } from '../../crypto/bytes.ts';
import { pseudonym } from '../../crypto/pseudonym.ts';
import { isTrineError, TrineError } from '../../errors/index.ts';
import type { NodeContext } from '../context.ts';

export type LoginMaterial = { verifier: string; idToken: string; sessionPub: string };
export type Identity = { P: string; sessionPub: string };

export async function authenticate(ctx: NodeContext, login: LoginMaterial): Promise<Identity> {
  let verified: { verifier: string; subject: string };
  try {
    verified = await ctx.verifyIdToken(
      login.verifier,
      login.idToken,
      fromHex(login.sessionPub, 32, 'sessionPub'),
    );
  } catch (error) {
    if (isTrineError(error)) ctx.metrics.count('token_failures_total', { code: error.code });
    throw error;
  }
  const P = toHex(pseudonym(ctx.networkSalt, verified.verifier, verified.subject));
  if (!ctx.identityLimiter.take(P))
    throw new TrineError({
      code: 'rate-limited',
      message: 'too many requests for this identity; wait a moment',
    });
  return { P, sessionPub: login.sessionPub };
}
