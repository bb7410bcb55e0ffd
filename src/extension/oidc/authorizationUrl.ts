/**
 * The authorization request (OIDC Core §3.1.2.1): code flow with PKCE, and the nonce that
 * binds the id token to this login's session key. `prompt=none` asks for a silent login
 * (the provider answers `login_required` when it cannot).
 */
import type { ProviderConfig } from '../config.ts';

export type AuthorizationRequest = {
  provider: ProviderConfig;
  authorizationEndpoint: string;
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  interactive: boolean;
};

export function authorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(request.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.provider.clientId,
    redirect_uri: request.redirectUri,
    scope: request.provider.scope,
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...(request.interactive ? {} : { prompt: 'none' }),
  }).toString();
  return url.href;
}
