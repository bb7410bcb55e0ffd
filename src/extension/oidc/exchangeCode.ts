/**
 * Authorization code → id token at the token endpoint (RFC 6749 §4.1.3, PKCE §4.5), as a
 * public client. Bounded in time; the reply is validated; the token itself is checked by
 * the nodes (signature, iss, aud, exp, nonce), and by `idTokenClaims` for a clear early error.
 */
import * as v from 'valibot';
import { TrineError } from '../../errors/index.ts';
import { parse } from '../../protocol/parse.ts';

const TokenResponse = v.object({ id_token: v.pipe(v.string(), v.minLength(1), v.maxLength(16_384)) });

export type ExchangeCodeParameters = {
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  fetchFn?: typeof fetch;
};

export async function exchangeCode(p: ExchangeCodeParameters): Promise<string> {
  let response: Response;
  try {
    response = await (p.fetchFn ?? fetch)(p.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: p.code,
        redirect_uri: p.redirectUri,
        client_id: p.clientId,
        code_verifier: p.codeVerifier,
      }),
      signal: AbortSignal.timeout(10_000),
      redirect: 'error',
    });
  } catch (cause) {
    throw new TrineError({
      code: 'network-unreachable',
      message: 'the sign-in provider cannot be reached',
      cause,
    });
  }
  const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
  if (response.status !== 200)
    throw new TrineError({
      code: 'token-rejected',
      message: `the provider refused the sign-in code (${typeof body?.error === 'string' ? body.error : response.status})`,
      status: 401,
    });
  return parse(TokenResponse, body, 'token response').id_token;
}
