/**
 * Id-token verification against a real (in-process) OpenID issuer: discovery, the JWKS
 * cache with refetch on an unknown kid and its cooldown, the algorithm allow-list, and
 * the claims.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/crypto/bytes.ts';
import { createIdTokenVerifier } from '../../../src/node/checks/verifyIdToken.ts';
import { sessionNonce } from '../../../src/protocol/nonce.ts';
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
  const sessionPub = randomBytes(32);
  const nonce = sessionNonce(sessionPub);

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
      expect(await verify('dev', await sign(key), sessionPub)).toEqual({ verifier: 'dev', subject: 'alice' });
    expect(jwksFetches).toBe(1);
  });

  it('uses the configured subject claim', async () => {
    const verify = createIdTokenVerifier([verifier({ subjectClaim: 'email' })]);
    expect((await verify('dev', await sign(published[0]!, { email: 'a@x' }), sessionPub)).subject).toBe(
      'a@x',
    );
    await expect(verify('dev', await sign(published[0]!), sessionPub)).rejects.toThrow(
      /"email" claim missing/,
    );
  });

  it('refetches the JWKS for an unknown kid (key rotation), at most once per cooldown', async () => {
    const verify = createIdTokenVerifier([verifier()], { jwksCooldownMs: 300 });
    await verify('dev', await sign(published[0]!), sessionPub);
    const rotated = await makeKey('RS256', 'rsa-2');
    const stranger = await makeKey('ES256', 'nobody');
    const strangerToken = await sign(stranger);
    published = [...published, rotated];
    await new Promise((r) => setTimeout(r, 350)); // the cooldown since the first fetch has passed
    jwksFetches = 0;
    expect((await verify('dev', await sign(rotated), sessionPub)).subject).toBe('alice');
    expect(jwksFetches).toBe(1);
    for (let i = 0; i < 3; i++)
      await expect(verify('dev', strangerToken, sessionPub)).rejects.toMatchObject({
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
      [{ nonce: sessionNonce(randomBytes(32)) }, 'token-rejected', /nonce/],
      [{ exp: now - 61 }, 'token-expired', /expired/],
      [{ iat: now + 120 }, 'token-rejected', /iat/],
      [{ nbf: now + 120 }, 'token-rejected', /nbf/],
    ];
    for (const [claims, code, message] of cases)
      await expect(verify('dev', await sign(key, claims), sessionPub)).rejects.toMatchObject({
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
    await expect(verify('dev', hmac, sessionPub)).rejects.toThrow(/algorithm not allowed/);
    await expect(verify('dev', 'not.a.token', sessionPub)).rejects.toMatchObject({ code: 'token-rejected' });
    await expect(verify('google', await sign(key), sessionPub)).rejects.toThrow(/unknown verifier/);
  });

  it('reports an unreachable or inconsistent issuer as 503, not as a bad token', async () => {
    const down = createIdTokenVerifier([{ ...verifier(), name: 'down', issuer: 'http://localhost:1' }]);
    await expect(down('down', await sign(published[0]!), sessionPub)).rejects.toMatchObject({
      code: 'network-unreachable',
      status: 503,
    });
    discoveryIssuer = 'http://evil.example';
    try {
      const confused = createIdTokenVerifier([{ ...verifier(), name: 'confused', issuer: `${issuer}/` }]);
      await expect(confused('confused', await sign(published[0]!), sessionPub)).rejects.toMatchObject({
        status: 503,
      });
    } finally {
      discoveryIssuer = undefined;
    }
  });
});
