/** The OpenID pieces of the wallet's sign-in: PKCE, the authorization URL, the redirect, the id token. */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../../../src/crypto/bytes.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { authorizationUrl } from '../../../src/extension/oidc/authorizationUrl.ts';
import { idTokenClaims } from '../../../src/extension/oidc/idTokenClaims.ts';
import { createPkce, randomState } from '../../../src/extension/oidc/pkce.ts';
import { codeFromRedirect } from '../../../src/extension/oidc/redirectParams.ts';

const provider = {
  name: 'trine-dev',
  label: 'Dev',
  issuer: 'http://localhost:9400',
  clientId: 'trine-extension',
  scope: 'openid email profile',
};
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (err) {
    return isTrineError(err) ? `${err.code}: ${err.message}` : String(err);
  }
};

describe('PKCE and state', () => {
  it('S256 challenge of a 43-character verifier (RFC 7636 §4.1–4.2); fresh each time', () => {
    const { verifier, challenge } = createPkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(toBase64Url(sha256(utf8(verifier))));
    expect(createPkce().verifier).not.toBe(verifier);
    expect(randomState()).not.toBe(randomState());
  });
});

describe('authorization request', () => {
  it('code flow with PKCE and the nonce; prompt=none only when silent', () => {
    const base = {
      provider,
      authorizationEndpoint: 'http://localhost:9400/auth',
      redirectUri: 'https://hdchgmmphpekcenbcepegmhpelgcohbm.chromiumapp.org/',
      state: 's'.repeat(10),
      nonce: 'n0nce',
      codeChallenge: 'c',
    };
    const url = new URL(authorizationUrl({ ...base, interactive: true }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'trine-extension',
      redirect_uri: base.redirectUri,
      scope: 'openid email profile',
      state: base.state,
      nonce: 'n0nce',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
    expect(new URL(authorizationUrl({ ...base, interactive: false })).searchParams.get('prompt')).toBe(
      'none',
    );
  });
});

describe('the redirect back', () => {
  const state = 'state-123456';
  const at = (q: string) => `https://x.chromiumapp.org/?${q}`;
  it('gives the code for our state, from the query or the fragment', () => {
    expect(codeFromRedirect(at(`state=${state}&code=abc`), state)).toBe('abc');
    expect(codeFromRedirect(`https://x.chromiumapp.org/#state=${state}&code=def`, state)).toBe('def');
  });
  it('refuses another state, repeated parameters, a missing code; names provider errors', () => {
    expect(codeOf(() => codeFromRedirect(at('state=other-state-1&code=abc'), state))).toBe(
      'invalid-input: redirect.state: does not match this sign-in',
    );
    expect(codeOf(() => codeFromRedirect(at(`state=${state}&code=a&code=b`), state))).toBe(
      'invalid-input: redirect.code: given more than once',
    );
    expect(codeOf(() => codeFromRedirect(at(`state=${state}`), state))).toBe(
      'invalid-input: redirect.code: missing',
    );
    expect(codeOf(() => codeFromRedirect(at(`state=${state}&error=login_required`), state))).toBe(
      'sign-in-required: the provider needs you to sign in again',
    );
    expect(codeOf(() => codeFromRedirect(at(`state=${state}&error=access_denied`), state))).toBe(
      'token-rejected: the provider did not sign you in (access_denied)',
    );
  });
});

describe('id token claims', () => {
  const jwt = (claims: object) => `e30.${toBase64Url(utf8(JSON.stringify(claims)))}.sig`;
  const expected = { issuer: provider.issuer, clientId: provider.clientId, nonce: 'n1' };
  const good = { iss: provider.issuer, aud: provider.clientId, nonce: 'n1', email: 'a@b.c' };
  it('reads the email of the token this login asked for', () => {
    expect(idTokenClaims(jwt(good), expected)).toEqual({ email: 'a@b.c' });
    expect(
      idTokenClaims(jwt({ ...good, aud: ['x', provider.clientId], email: undefined }), expected),
    ).toEqual({
      email: null,
    });
  });
  it('refuses another issuer, audience or nonce, and garbage', () => {
    expect(codeOf(() => idTokenClaims(jwt({ ...good, iss: 'http://evil' }), expected))).toMatch(
      /^token-rejected/,
    );
    expect(codeOf(() => idTokenClaims(jwt({ ...good, aud: 'other' }), expected))).toMatch(/another client/);
    expect(codeOf(() => idTokenClaims(jwt({ ...good, nonce: 'n2' }), expected))).toMatch(/not bound/);
    expect(codeOf(() => idTokenClaims('not-a-jwt', expected))).toMatch(/not a JWT/);
    expect(codeOf(() => idTokenClaims('a.!!!.c', expected))).toMatch(/unreadable/);
  });
});
