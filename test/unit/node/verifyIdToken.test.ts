/**
 * Id-token verification against a real (in-process) OpenID issuer: discovery, the JWKS
 * cache with refetch on an unknown kid and its cooldown, the algorithm allow-list, and
 * the claims: the login binding (nonce), the maximum token age and the authorized party.
 */
import { createServer, type Server } from 'node:http';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/crypto/bytes.ts';
import { createIdTokenVerifier, type LoginBinding } from '../../../src/node/checks/verifyIdToken.ts';
import { loginNonce } from '../../../src/protocol/nonce.ts';
import { listen } from '../../../src/server/http.ts';

type Key = { alg: string; kid: string; privateKey: CryptoKey; jwk: JWK };
async function makeKey(alg: string, kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

describe('verifyIdToken', () => {
  let server: Server;
  let issuer: string;
  let published: Key[] = [];
  let jwksFetches = 0;
  let discoveryIssuer: string | undefined;
  const candidateM = () => secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true);
  const binding: LoginBinding = { sessionPub: randomBytes(32), candidateM: candidateM() };
  const nonce = loginNonce(binding.sessionPub, binding.candidateM);

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration')
        return res.end(JSON.stringify({ issuer: discoveryIssuer ?? issuer, jwks_uri: `${issuer}/keys` }));
      if (req.url === '/keys') {
        jwksFetches += 1;
        return res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    issuer = await listen(server, 0);
    issuer = issuer.replace('127.0.0.1', 'localhost');
    published = [
      await makeKey('RS256', 'rsa-1'),
      await makeKey('ES256', 'ec-1'),
      await makeKey('EdDSA', 'ed-1'),
    ];
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sign = (key: Key, claims: JWTPayload = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: issuer,
      aud: 'wallet',
      sub: 'alice',
      nonce,
      iat: now,
      exp: now + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .sign(key.privateKey);
  };
  const verifier = (extra: object = {}) => ({
    name: 'dev',
    issuer,
    audiences: ['other', 'wallet'],
    subjectClaim: 'sub',
    ...extra,
  });

  it('accepts RS256, ES256 and EdDSA tokens from the discovered JWKS, fetched once', async () => {
    const verify = createIdTokenVerifier([verifier()]);
    jwksFetches = 0;
    for (const key of published)
      expect(await verify('dev', await sign(key), binding)).toEqual({ verifier: 'dev', subject: 'alice' });
    expect(jwksFetches).toBe(1);
  });

  it('uses the configured subject claim', async () => {
    const verify = createIdTokenVerifier([verifier({ subjectClaim: 'email' })]);
    expect((await verify('dev', await sign(published[0]!, { email: 'a@x' }), binding)).subject).toBe('a@x');
    await expect(verify('dev', await sign(published[0]!), binding)).rejects.toThrow(/"email" claim missing/);
  });

  it('refetches the JWKS for an unknown kid (key rotation), at most once per cooldown', async () => {
    const verify = createIdTokenVerifier([verifier()], { jwksCooldownMs: 300 });
    await verify('dev', await sign(published[0]!), binding);
    const rotated = await makeKey('RS256', 'rsa-2');
    const stranger = await makeKey('ES256', 'nobody');
    const strangerToken = await sign(stranger);
    published = [...published, rotated];
    await new Promise((r) => setTimeout(r, 350)); // the cooldown since the first fetch has passed
    jwksFetches = 0;
    expect((await verify('dev', await sign(rotated), binding)).subject).toBe('alice');
    expect(jwksFetches).toBe(1);
    for (let i = 0; i < 3; i++)
      await expect(verify('dev', strangerToken, binding)).rejects.toMatchObject({
        code: 'token-rejected',
      });
    expect(jwksFetches).toBe(1); // within the cooldown: no refetch storm
  });

  it('refuses other issuers, audiences, nonces, algorithms and expired tokens', async () => {
    const verify = createIdTokenVerifier([verifier()]);
    const key = published[0]!;
    const now = Math.floor(Date.now() / 1000);
    const cases: [JWTPayload, string, RegExp][] = [
      [{ iss: 'http://localhost:1' }, 'token-rejected', /"iss"/],
      [{ aud: 'nobody' }, 'token-rejected', /"aud"/],
      [{ nonce: loginNonce(randomBytes(32), binding.candidateM) }, 'token-rejected', /nonce/],
      [{ nonce: loginNonce(binding.sessionPub, candidateM()) }, 'token-rejected', /nonce/],
      [{ exp: now - 61 }, 'token-expired', /expired/],
      [{ iat: now + 120 }, 'token-rejected', /iat/],
      [{ nbf: now + 120 }, 'token-rejected', /nbf/],
    ];
    for (const [claims, code, message] of cases)
      await expect(verify('dev', await sign(key, claims), binding)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
    const hmac = await new SignJWT({
      iss: issuer,
      aud: 'wallet',
      sub: 'alice',
      nonce,
      iat: now,
      exp: now + 60,
    })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .sign(new TextEncoder().encode(JSON.stringify(key.jwk)));
    await expect(verify('dev', hmac, binding)).rejects.toThrow(/algorithm not allowed/);
    await expect(verify('dev', 'not.a.token', binding)).rejects.toMatchObject({ code: 'token-rejected' });
    await expect(verify('google', await sign(key), binding)).rejects.toThrow(/unknown verifier/);
  });

  it('refuses a token issued longer ago than the maximum age, even before its exp', async () => {
    const key = published[0]!;
    const now = Math.floor(Date.now() / 1000);
    const old = (ageS: number) => sign(key, { iat: now - ageS, exp: now + 3600 });
    const verify = createIdTokenVerifier([verifier()]); // default: 15 minutes
    expect((await verify('dev', await old(14 * 60), binding)).subject).toBe('alice');
    await expect(verify('dev', await old(16 * 60 + 61), binding)).rejects.toMatchObject({
      code: 'token-expired',
      status: 401,
      message: 'id token is older than 15 minutes: log in again',
    });
    const strict = createIdTokenVerifier([verifier()], { maxTokenAgeS: 300 });
    expect((await strict('dev', await old(4 * 60), binding)).subject).toBe('alice');
    await expect(strict('dev', await old(6 * 60 + 61), binding)).rejects.toMatchObject({
      code: 'token-expired',
    });
    // the age is taken from the signed iat: a token without one is refused outright
    const noIat = await new SignJWT({ iss: issuer, aud: 'wallet', sub: 'alice', nonce, exp: now + 300 })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .sign(key.privateKey);
    await expect(verify('dev', noIat, binding)).rejects.toMatchObject({ code: 'token-rejected' });
  });

  it('refuses a maximum token age shorter than a registration needs', () => {
    for (const maxTokenAgeS of [0, 60, 299, Number.NaN])
      expect(() => createIdTokenVerifier([verifier()], { maxTokenAgeS })).toThrow(/at least 300 s/);
  });

  it('requires azp with several audiences, and an azp that is one of ours (OIDC Core 3.1.3.7)', async () => {
    const verify = createIdTokenVerifier([verifier()]);
    const key = published[0]!;
    const ok = async (claims: JWTPayload) => (await verify('dev', await sign(key, claims), binding)).subject;
    expect(await ok({ aud: ['wallet', 'other'], azp: 'wallet' })).toBe('alice');
    expect(await ok({ aud: 'wallet', azp: 'wallet' })).toBe('alice');
    expect(await ok({ aud: ['wallet'] })).toBe('alice'); // one audience: azp optional
    const cases: [JWTPayload, RegExp][] = [
      [{ aud: ['wallet', 'someone-else'] }, /"azp" claim missing/],
      [{ aud: ['wallet', 'someone-else'], azp: 'someone-else' }, /"azp" is not a client/],
      [{ aud: 'wallet', azp: 'someone-else' }, /"azp" is not a client/],
      [{ aud: 'wallet', azp: ['wallet'] }, /"azp" is not a client/],
    ];
    for (const [claims, message] of cases)
      await expect(verify('dev', await sign(key, claims), binding)).rejects.toMatchObject({
        code: 'token-rejected',
        message: expect.stringMatching(message),
      });
  });

  it('reports an unreachable or inconsistent issuer as 503, not as a bad token', async () => {
    const down = createIdTokenVerifier([{ ...verifier(), name: 'down', issuer: 'http://localhost:1' }]);
    await expect(down('down', await sign(published[0]!), binding)).rejects.toMatchObject({
      code: 'network-unreachable',
      status: 503,
    });
    discoveryIssuer = 'http://evil.example';
    try {
      const confused = createIdTokenVerifier([{ ...verifier(), name: 'confused', issuer: `${issuer}/` }]);
      await expect(confused('confused', await sign(published[0]!), binding)).rejects.toMatchObject({
        status: 503,
      });
    } finally {
      discoveryIssuer = undefined;
    }
  });
});
