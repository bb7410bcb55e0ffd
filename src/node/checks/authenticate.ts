/**
 * Who is asking: verifies the login material every node request carries (id token bound
 * to sessionPub, see verifyIdToken.ts), computes the user's pseudonym
 * P = HMAC(networkSalt, {verifier, subject}) and charges the login budgets
 * (loginLimiter.ts: per token, and per identity only for a token not seen before, so a
 * replayed token cannot spend the user's fresh logins). The subject itself goes no further
 * than this function.
 */
import { fromHex, toHex } from '../../crypto/bytes.ts';
import { pseudonym } from '../../crypto/pseudonym.ts';
import { isTrineError } from '../../errors/index.ts';
import type { NodeContext } from '../context.ts';

export type LoginMaterial = { verifier: string; idToken: string; sessionPub: string; candidateM: string };
/** The caller: its pseudonym and the two keys its token binds. */
export type Identity = { P: string; sessionPub: string; candidateM: string };

export async function authenticate(ctx: NodeContext, login: LoginMaterial): Promise<Identity> {
  let verified: { verifier: string; subject: string };
  try {
    verified = await ctx.verifyIdToken(login.verifier, login.idToken, {
      sessionPub: fromHex(login.sessionPub, 32, 'sessionPub'),
      candidateM: fromHex(login.candidateM, 33, 'candidateM'),
    });
  } catch (error) {
    if (isTrineError(error)) ctx.metrics.count('token_failures_total', { code: error.code });
    throw error;
  }
  const P = toHex(pseudonym(ctx.networkSalt, verified.verifier, verified.subject));
  try {
    ctx.loginLimiter.admit(P, login.idToken);
  } catch (error) {
    if (isTrineError(error))
      ctx.metrics.count('login_limited_total', { scope: String(error.details?.scope) });
    throw error;
  }
  return { P, sessionPub: login.sessionPub, candidateM: login.candidateM };
}
