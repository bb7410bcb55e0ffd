/**
 * Sign-in at the development OpenID provider from an extension page: authorization code
 * with PKCE, the nonce bound to the login's session key and candidate metadata key, the
 * redirect landing on pages/callback.html, which hands it to the background; the code is
 * exchanged and the id token checked against the provider's JWKS.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { fromHex } from '../../src/crypto/bytes.ts';
import { loginNonce } from '../../src/protocol/nonce.ts';
import { newLoginKeys } from '../../src/wallet/loginKeys.ts';
import { expect, pinnedExtensionId, test } from './fixtures.ts';

test.use({ stackServices: ['oidc'] });

const redirectUri = `chrome-extension://${pinnedExtensionId}/pages/callback.html`;

type Discovery = { authorization_endpoint: string; token_endpoint: string; jwks_uri: string; issuer: string };

test('sign in with a development account from an extension page', async ({ stack, openExtensionPage }) => {
  const discovery = (await (
    await fetch(`${stack.urls.issuer}/.well-known/openid-configuration`)
  ).json()) as Discovery;
  const keys = await newLoginKeys();
  const sessionPub = keys.session.publicKey;
  const candidateM = fromHex(keys.candidate.M, 33);
  const page = await openExtensionPage('pages/onboarding.html');

  // In the extension page, as the wallet will: PKCE verifier kept in this tab, nonce from
  // sessionPub and candidateM (computed here from the specification, PROTOCOL.md).
  const started = await page.evaluate(
    async ({ endpoint, clientId, redirectUri, sessionPub, candidateM }) => {
      const b64u = (bytes: Uint8Array) =>
        btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const sha256 = async (bytes: Uint8Array<ArrayBuffer>) =>
        new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const verifier = b64u(crypto.getRandomValues(new Uint8Array(32)));
      const state = b64u(crypto.getRandomValues(new Uint8Array(16)));
      const tag = new TextEncoder().encode('trine:login-nonce:v1');
      const nonce = b64u(await sha256(new Uint8Array([...tag, 0, ...sessionPub, ...candidateM])));
      const url = new URL(endpoint);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        nonce,
        code_challenge: b64u(await sha256(new TextEncoder().encode(verifier))),
        code_challenge_method: 'S256',
      }).toString();
      sessionStorage.setItem('trine-test-login', JSON.stringify({ verifier, state }));
      window.location.assign(url.href);
      return { state, nonce };
    },
    {
      endpoint: discovery.authorization_endpoint,
      clientId: stack.clientId,
      redirectUri,
      sessionPub: [...sessionPub],
      candidateM: [...candidateM],
    },
  );
  expect(started.nonce).toBe(keys.nonce);
  expect(started.nonce).toBe(loginNonce(sessionPub, candidateM));

  await page.locator('button[data-account="alice"]').click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri));
  await expect(page.getByRole('status')).toHaveText('Signed in. You can close this tab.');
  // The callback page removed the code from the address bar.
  expect(page.url()).toBe(redirectUri);

  const exchanged = await page.evaluate(
    async ({ tokenEndpoint, clientId, redirectUri }) => {
      const { verifier, state } = JSON.parse(sessionStorage.getItem('trine-test-login')!);
      const result = await chrome.runtime.sendMessage({ type: 'oauth-result', state });
      const again = await chrome.runtime.sendMessage({ type: 'oauth-result', state });
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: result.params.code,
          redirect_uri: redirectUri,
          client_id: clientId,
          code_verifier: verifier,
        }),
      });
      return { result, again, status: response.status, tokens: await response.json() };
    },
    { tokenEndpoint: discovery.token_endpoint, clientId: stack.clientId, redirectUri },
  );
  expect(exchanged.result).toMatchObject({
    ok: true,
    params: { state: started.state, iss: discovery.issuer },
  });
  // The background hands a response out once.
  expect(exchanged.again).toMatchObject({ ok: false, error: { code: 'record-not-found' } });
  expect(exchanged.status, JSON.stringify(exchanged.tokens)).toBe(200);

  const { payload } = await jwtVerify(
    exchanged.tokens.id_token,
    createRemoteJWKSet(new URL(discovery.jwks_uri)),
    {
      issuer: discovery.issuer,
      audience: stack.clientId,
    },
  );
  expect(payload.nonce).toBe(loginNonce(sessionPub, candidateM));
  expect(payload.sub).toBe('dev-alice');
  expect(payload.email).toBe('alice@trine.local');
});

test('the callback page refuses a malformed redirect and stores nothing', async ({ openExtensionPage }) => {
  const state = 'state-that-was-given-twice';
  const page = await openExtensionPage(`pages/callback.html?state=${state}&code=abc&code=def`);
  await expect(page.getByRole('status')).toHaveText('Sign-in failed: callback.code: given more than once');
  expect(page.url()).toBe(redirectUri);
  const stored = await page.evaluate(
    (state) => chrome.runtime.sendMessage({ type: 'oauth-result', state }),
    state,
  );
  expect(stored).toMatchObject({ ok: false, error: { code: 'record-not-found' } });

  const noState = await openExtensionPage('pages/callback.html?code=abc');
  await expect(noState.getByRole('status')).toHaveText(/^Sign-in failed: callback\.state: /);

  const refused = await openExtensionPage('pages/callback.html?state=user-said-no&error=access_denied');
  await expect(refused.getByRole('status')).toHaveText('The provider did not sign you in (access_denied).');
});

test('the background answers only its own pages, and checks what they send', async ({
  openExtensionPage,
}) => {
  const page = await openExtensionPage('popup.html');
  const replies = await page.evaluate(async () => [
    await chrome.runtime.sendMessage({ type: 'ping', extra: 1 }),
    await chrome.runtime.sendMessage({ type: 'no-such-thing' }),
    await chrome.runtime.sendMessage({
      type: 'oauth-callback',
      url: 'https://evil.example/pages/callback.html?state=12345678&code=x',
    }),
    await chrome.runtime.sendMessage({ type: 'ping' }),
  ]);
  expect(replies[0]).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(replies[1]).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(replies[2]).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', message: 'callback.url: not the extension callback page' },
  });
  expect(replies[3]).toMatchObject({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
});
