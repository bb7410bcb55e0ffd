/**
 * Drives the development provider's authorization endpoint over HTTP, as a browser would:
 * follows redirects, keeps cookies, submits the chosen account on the login page, and
 * stops at the client's redirect URI. Used by `devLogin` and by tests of the provider.
 *
 * @example
 * const { params } = await devAuthorize({ issuer, clientId, redirectUri, account: 'alice',
 *   query: { response_type: 'code', scope: 'openid', nonce, code_challenge, code_challenge_method: 'S256' } });
 */
import { TrineError } from '../errors/index.ts';

/** Cookies by name; pass the same jar again to reuse the provider session (prompt=none). */
export type CookieJar = Map<string, string>;

export type DevAuthorizeParameters = {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Development account to sign in as, when the login page is shown. */
  account?: string;
  /** Extra authorization request parameters (response_type, scope, nonce, PKCE, prompt…). */
  query: Record<string, string>;
  jar?: CookieJar;
};

export type DevAuthorizeReturnType = {
  /** Parameters the provider sent to the redirect URI (query or fragment). */
  params: URLSearchParams;
  jar: CookieJar;
  /** Whether the login page was shown (false on a silent re-login). */
  loginShown: boolean;
};

const maxHops = 12;

export async function devAuthorize(p: DevAuthorizeParameters): Promise<DevAuthorizeReturnType> {
  const jar = p.jar ?? new Map<string, string>();
  const start = new URL('/auth', p.issuer);
  const query = { client_id: p.clientId, redirect_uri: p.redirectUri, ...p.query };
  for (const [k, v] of Object.entries(query)) start.searchParams.set(k, v);

  let request: { url: string; init?: RequestInit } = { url: start.href };
  let loginShown = false;
  for (let hop = 0; hop < maxHops; hop++) {
    const response = await send(request.url, jar, request.init);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, request.url);
      if (next.href.startsWith(p.redirectUri)) return { params: redirectParams(next), jar, loginShown };
      request = { url: next.href };
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+\/login)"/.exec(html)?.[1];
    if (response.status !== 200 || !action) {
      throw new TrineError({
        code: 'token-rejected',
        message: `authorization failed at ${request.url} (HTTP ${response.status}): ${textOf(html)}`,
      });
    }
    if (!p.account)
      throw new TrineError({ code: 'invalid-input', message: 'login page shown but no account given' });
    loginShown = true;
    request = {
      url: new URL(action, request.url).href,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ account: p.account }).toString(),
      },
    };
  }
  throw new TrineError({
    code: 'internal',
    message: `authorization did not finish after ${maxHops} redirects`,
  });
}

async function send(url: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    signal: AbortSignal.timeout(10_000),
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => /^\s*(max-age=0|expires=Thu, 01 Jan 1970)/i.test(a));
    if (!value || expired) jar.delete(name);
    else jar.set(name, value);
  }
  return response;
}

/** Code flow answers in the query, implicit flow in the fragment. */
function redirectParams(url: URL): URLSearchParams {
  return url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
