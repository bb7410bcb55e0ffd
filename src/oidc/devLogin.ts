/**
 * Gets a REAL id token from the development OpenID provider, for integration tests of
 * nodes and clients: the authorization-code flow with PKCE, over HTTP, signing in as one
 * of the named development accounts.
 *
 * @example
 * const idToken = await devLogin({ issuer: 'http://localhost:9400', clientId: 'trine-extension',
 *   redirectUri: 'http://localhost:8080/callback', account: 'alice', nonce });
 */
import { createHash, randomBytes } from 'node:crypto';
import { TrineError } from '../errors/index.ts';
import { type CookieJar, devAuthorize } from './devAuthorize.ts';

export type DevLoginParameters = {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** alice, bob, carol, dave or erin. */
  account: string;
  nonce: string;
  scope?: string;
  /** Reuse a provider session; with `prompt: 'none'` no login page may be shown. */
  jar?: CookieJar;
  prompt?: 'none' | 'login';
};

export async function devLogin(p: DevLoginParameters): Promise<string> {
  return (await devLoginWithSession(p)).idToken;
}

/** Like `devLogin`, also returning the cookie jar holding the provider session. */
export async function devLoginWithSession(
  p: DevLoginParameters,
): Promise<{ idToken: string; jar: CookieJar }> {
  const codeVerifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const { params, jar } = await devAuthorize({
    issuer: p.issuer,
    clientId: p.clientId,
    redirectUri: p.redirectUri,
    account: p.account,
    ...(p.jar ? { jar: p.jar } : {}),
    query: {
      response_type: 'code',
      scope: p.scope ?? 'openid email profile',
      nonce: p.nonce,
      state,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...(p.prompt ? { prompt: p.prompt } : {}),
    },
  });
  const code = params.get('code');
  if (params.get('state') !== state || !code) {
    throw new TrineError({
      code: 'token-rejected',
      message:
        `authorization failed: ${params.get('error') ?? 'no code'} ${params.get('error_description') ?? ''}`.trim(),
    });
  }
  const tokens = await exchangeCode({ ...p, code, codeVerifier });
  return { idToken: tokens.id_token, jar };
}

export type ExchangeCodeParameters = {
  issuer: string;
  clientId: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
};

/** Redeems an authorization code at the token endpoint (public client, PKCE). */
export async function exchangeCode(
  p: ExchangeCodeParameters,
): Promise<{ id_token: string; access_token?: string }> {
  const response = await fetch(new URL('/token', p.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: p.code,
      redirect_uri: p.redirectUri,
      client_id: p.clientId,
      code_verifier: p.codeVerifier,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, string | undefined>;
  if (!response.ok || typeof body.id_token !== 'string') {
    throw new TrineError({
      code: 'token-rejected',
      message:
        `token endpoint answered ${response.status}: ${body.error ?? 'no id_token'} ${body.error_description ?? ''}`.trim(),
      details: { status: response.status, error: body.error },
    });
  }
  return { id_token: body.id_token, ...(body.access_token ? { access_token: body.access_token } : {}) };
}
