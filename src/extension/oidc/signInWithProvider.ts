/**
 * One OpenID login, as the wallet needs it (ARCHITECTURE §4): a fresh X25519 session key
 * and candidate metadata key, nonce = loginNonce(sessionPub, candidateM) (wallet/loginKeys.ts),
 * authorization code with PKCE through whatever channel
 * the browser offers (identity API, or a tab landing on pages/callback.html), the code
 * exchanged at the discovered token endpoint. The result is the node login material.
 */
import type { Login } from '../../wallet/backend.ts';
import { newLoginKeys } from '../../wallet/loginKeys.ts';
import type { ProviderConfig } from '../config.ts';
import { authorizationUrl } from './authorizationUrl.ts';
import { discover } from './discovery.ts';
import { exchangeCode } from './exchangeCode.ts';
import { idTokenClaims } from './idTokenClaims.ts';
import { createPkce, randomState } from './pkce.ts';
import { codeFromRedirect } from './redirectParams.ts';

/** How the authorization request reaches the user and the redirect comes back. */
export type AuthorizationChannel = {
  redirectUri: string;
  /** Open `url`; resolve with the full URL the provider redirected to. */
  run(request: { url: string; state: string; interactive: boolean }): Promise<string>;
};

export type ProviderLogin = { login: Login; email: string | null; at: number };

export async function signInWithProvider(
  provider: ProviderConfig,
  channel: AuthorizationChannel,
  interactive: boolean,
  fetchFn: typeof fetch = fetch,
): Promise<ProviderLogin> {
  const { authorization_endpoint, token_endpoint } = await discover(provider.issuer, fetchFn);
  const { session, candidate, nonce } = await newLoginKeys();
  const pkce = createPkce();
  const state = randomState();
  const url = authorizationUrl({
    provider,
    authorizationEndpoint: authorization_endpoint,
    redirectUri: channel.redirectUri,
    state,
    nonce,
    codeChallenge: pkce.challenge,
    interactive,
  });
  const code = codeFromRedirect(await channel.run({ url, state, interactive }), state);
  const idToken = await exchangeCode({
    tokenEndpoint: token_endpoint,
    clientId: provider.clientId,
    redirectUri: channel.redirectUri,
    code,
    codeVerifier: pkce.verifier,
    fetchFn,
  });
  const { email } = idTokenClaims(idToken, { issuer: provider.issuer, clientId: provider.clientId, nonce });
  return { login: { verifier: provider.name, idToken, session, candidate }, email, at: Date.now() };
}
