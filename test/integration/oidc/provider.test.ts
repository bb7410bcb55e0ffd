import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devAuthorize } from '../../../src/oidc/devAuthorize.ts';
import { devLogin, devLoginWithSession, exchangeCode } from '../../../src/oidc/devLogin.ts';
import { jwksPath } from '../../../src/oidc/jwks.ts';
import { freePort } from '../../../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../../../src/stack/process.ts';
import { oidcService } from '../../../src/stack/services.ts';

const clientId = 'trine-extension';
let issuer: string;
let redirectUri: string;
let dir: string;
let oidc: ServiceHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trine-oidc-'));
  const port = await freePort();
  issuer = `http://localhost:${port}`;
  redirectUri = `http://localhost:${await freePort()}/callback`;
  oidc = await spawnService(
    oidcService(
      { root: process.cwd(), dir, host: '127.0.0.1' },
      { port, issuer, redirectUris: [redirectUri] },
    ),
  );
});
afterAll(() => oidc?.stop());

const nonce = () => randomBytes(16).toString('base64url');
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
const verify = (token: string) =>
  jwtVerify(token, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: clientId });

describe('development OpenID provider', () => {
  it('publishes a discovery document for code+PKCE and implicit id_token', async () => {
    const doc = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(doc.issuer).toBe(issuer);
    expect(doc.jwks_uri).toBe(`${issuer}/jwks`);
    expect(doc.response_types_supported).toEqual(expect.arrayContaining(['code', 'id_token']));
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.id_token_signing_alg_values_supported).toContain('RS256');
  });

  it('signs in alice with code+PKCE; the id token verifies against the JWKS and echoes the nonce', async () => {
    const n = nonce();
    const token = await devLogin({ issuer, clientId, redirectUri, account: 'alice', nonce: n });
    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: 'dev-alice', email: 'alice@trine.local', nonce: n, aud: clientId });
  });

  it('gives each development account its own stable subject', async () => {
    const subs = [];
    for (const account of ['bob', 'carol', 'bob']) {
      const { payload } = await verify(
        await devLogin({ issuer, clientId, redirectUri, account, nonce: nonce() }),
      );
      subs.push(payload.sub);
    }
    expect(subs).toEqual(['dev-bob', 'dev-carol', 'dev-bob']);
  });

  it('lists the named accounts on the login page', async () => {
    const url = new URL('/auth', issuer);
    const { challenge } = pkce();
    const query = { client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid' };
    for (const [k, v] of Object.entries({
      ...query,
      nonce: nonce(),
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }))
      url.searchParams.set(k, v);
    const start = await fetch(url, { redirect: 'manual' });
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(new URL(start.headers.get('location') ?? '', issuer), { headers: { cookie } });
    const html = await page.text();
    for (const account of ['alice', 'bob', 'carol', 'dave', 'erin'])
      expect(html).toContain(`data-account="${account}"`);
  });

  it('answers an implicit id_token request in the fragment, nonce included', async () => {
    const n = nonce();
    const { params } = await devAuthorize({
      issuer,
      clientId,
      redirectUri,
      account: 'dave',
      query: { response_type: 'id_token', scope: 'openid', nonce: n, state: 's1' },
    });
    const { payload } = await verify(params.get('id_token') ?? '');
    expect(payload).toMatchObject({ sub: 'dev-dave', nonce: n });
    expect(params.get('state')).toBe('s1');
  });

  it('refuses an implicit request without a nonce', async () => {
    const { params } = await devAuthorize({
      issuer,
      clientId,
      redirectUri,
      account: 'dave',
      query: { response_type: 'id_token', scope: 'openid' },
    });
    expect(params.get('id_token')).toBeNull();
    expect(params.get('error')).toBe('invalid_request');
  });

  it('enforces PKCE: a code is redeemed only with its own verifier', async () => {
    const authorize = async (challenge: string) => {
      const { params } = await devAuthorize({
        issuer,
        clientId,
        redirectUri,
        account: 'erin',
        query: {
          response_type: 'code',
          scope: 'openid',
          nonce: nonce(),
          code_challenge: challenge,
          code_challenge_method: 'S256',
        },
      });
      return params.get('code') ?? '';
    };
    const wrong = pkce();
    const codeA = await authorize(wrong.challenge);
    await expect(
      exchangeCode({ issuer, clientId, redirectUri, code: codeA, codeVerifier: pkce().verifier }),
    ).rejects.toThrow(/invalid_grant/);
    const right = pkce();
    const codeB = await authorize(right.challenge);
    const tokens = await exchangeCode({
      issuer,
      clientId,
      redirectUri,
      code: codeB,
      codeVerifier: right.verifier,
    });
    expect((await verify(tokens.id_token)).payload.sub).toBe('dev-erin');
  });

  it('refuses an authorization request without a code challenge', async () => {
    const { params } = await devAuthorize({
      issuer,
      clientId,
      redirectUri,
      account: 'erin',
      query: { response_type: 'code', scope: 'openid', nonce: nonce() },
    });
    expect(params.get('code')).toBeNull();
    expect(params.get('error')).toBe('invalid_request');
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const { challenge } = pkce();
    await expect(
      devAuthorize({
        issuer,
        clientId,
        redirectUri: 'https://attacker.example/callback',
        account: 'alice',
        query: {
          response_type: 'code',
          scope: 'openid',
          nonce: nonce(),
          code_challenge: challenge,
          code_challenge_method: 'S256',
        },
      }),
    ).rejects.toThrow(/redirect_uri/);
  });

  it('rejects an unknown account on the login form', async () => {
    await expect(
      devLogin({ issuer, clientId, redirectUri, account: 'mallory', nonce: nonce() }),
    ).rejects.toThrow(/Unknown development account/);
  });

  it('re-logs in silently with prompt=none while the session lives, and not without it', async () => {
    const first = await devLoginWithSession({
      issuer,
      clientId,
      redirectUri,
      account: 'carol',
      nonce: nonce(),
    });
    const n = nonce();
    const silent = await devLogin({
      issuer,
      clientId,
      redirectUri,
      account: 'carol',
      nonce: n,
      jar: first.jar,
      prompt: 'none',
    });
    expect((await verify(silent)).payload).toMatchObject({ sub: 'dev-carol', nonce: n });
    await expect(
      devLogin({ issuer, clientId, redirectUri, account: 'carol', nonce: n, prompt: 'none' }),
    ).rejects.toThrow(/login_required/);
  });

  it('keeps its signing key across restarts, in a private file tests can forge with', async () => {
    const file = jwksPath(join(dir, 'oidc'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = decodeProtectedHeader(
      await devLogin({ issuer, clientId, redirectUri, account: 'alice', nonce: nonce() }),
    );
    await oidc.restart();
    const after = decodeProtectedHeader(
      await devLogin({ issuer, clientId, redirectUri, account: 'alice', nonce: nonce() }),
    );
    expect(after.kid).toBe(before.kid);

    const [jwk] = JSON.parse(readFileSync(file, 'utf8')).keys;
    const forged = await new SignJWT({ nonce: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject('dev-mallory')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(await importJWK(jwk, 'RS256'));
    expect((await verify(forged)).payload.sub).toBe('dev-mallory');
  });
});
