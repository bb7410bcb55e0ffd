/**
 * The development OpenID provider: `oidc-provider` (OpenID Certified) configured for the
 * Trine extension. Authorization code with PKCE (required) and implicit `id_token`, the
 * `nonce` echoed into the id token, one public client, automatic consent, and named
 * development accounts instead of passwords. Sessions live in memory; the signing key
 * in `<data>/oidc-jwks.json`.
 *
 * @example
 * const provider = await createDevProvider({ issuer: 'http://localhost:9400', dataDir: 'data/local/oidc' });
 * http.createServer(provider.callback()).listen(9400, '127.0.0.1');
 */
import { randomBytes } from 'node:crypto';
import Provider, { type Configuration, interactionPolicy } from 'oidc-provider';
import { findDevAccount } from './accounts.ts';
import { interactionRoutes } from './interactions.ts';
import { loadOrCreateJwks } from './jwks.ts';
import { errorPage } from './login-page.ts';

export const extensionId = 'hdchgmmphpekcenbcepegmhpelgcohbm';
/** Redirect URI Firefox's `identity.getRedirectURL()` gives for gecko id wallet@trine.local. */
export const firefoxRedirectUri = 'https://4fc53737e77a8f2936898f966a7bf4323d617c97.extensions.allizom.org/';

export const extensionRedirectUris = [
  `https://${extensionId}.chromiumapp.org/`,
  `chrome-extension://${extensionId}/pages/callback.html`,
  firefoxRedirectUri,
];

export type DevProviderParameters = {
  issuer: string;
  dataDir: string;
  clientId?: string;
  /** Added to the extension's redirect URIs (tests use `http://localhost:<dapp>/callback`). */
  redirectUris?: string[];
  /** Lifetime of id tokens and authorization codes, seconds (default 600 / 60). */
  idTokenTtl?: number;
  /** Lifetime of the provider session that makes `prompt=none` work (default 1 day). */
  sessionTtl?: number;
};

/**
 * The default policy makes every native client show a consent page, which would break the
 * silent re-login (`prompt=none`) the wallet uses to unlock. The extension is first-party,
 * so that one check is dropped; login is still required whenever there is no session.
 */
function silentPolicy() {
  const policy = interactionPolicy.base();
  policy.get('consent')?.checks.remove('native_client_prompt');
  return policy;
}

export async function createDevProvider(p: DevProviderParameters): Promise<Provider> {
  const clientId = p.clientId ?? 'trine-extension';
  const jwks = await loadOrCreateJwks(p.dataDir);
  const idTokenTtl = p.idTokenTtl ?? 600;
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_name: 'Trine wallet',
        // A browser extension is a public, native-like client: custom schemes and
        // loopback redirects are allowed, and PKCE is required (token_endpoint_auth none).
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'implicit'],
        response_types: ['code', 'id_token'],
        redirect_uris: [...extensionRedirectUris, ...(p.redirectUris ?? [])],
      },
    ],
    jwks: jwks as Configuration['jwks'],
    responseTypes: ['code', 'id_token'],
    pkce: { required: () => true },
    // Extension pages exchange codes with `Origin: chrome-extension://<id>`, which URL
    // parsing turns into "null", so the default check never matches: compare prefixes.
    // Firefox gives each install a random origin (moz-extension://<uuid>), so no redirect
    // URI can name it: a client registered for Firefox's identity redirect accepts any.
    clientBasedCORS: (_ctx, origin, client) =>
      (client.redirectUris?.some((uri) => uri.startsWith(`${origin}/`)) ?? false) ||
      (origin.startsWith('moz-extension://') && (client.redirectUris?.includes(firefoxRedirectUri) ?? false)),
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put email and name into the id token of the code flow too: the wallet shows them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: {
      IdToken: idTokenTtl,
      AccessToken: idTokenTtl,
      AuthorizationCode: Math.min(60, idTokenTtl),
      Interaction: 600,
      Session: p.sessionTtl ?? 86_400,
      Grant: p.sessionTtl ?? 86_400,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: silentPolicy() },
    findAccount: (_ctx, sub) => {
      const account = findDevAccount(sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({ sub: account.sub, email: account.email, email_verified: true, name: account.name }),
      };
    },
    // Automatic consent for the first-party client: reuse the session's grant or make one.
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!ctx.oidc.session?.accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        accountId: ctx.oidc.session.accountId,
        clientId: ctx.oidc.client.clientId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(
        'Sign-in error',
        Object.entries(out)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join('\n'),
      );
    },
  };
  const provider = new Provider(p.issuer, configuration);
  provider.use(interactionRoutes(provider));
  return provider;
}
