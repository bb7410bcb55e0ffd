/**
 * What a node refuses, over real HTTP to real node processes: every kind of bad id token
 * (401, nothing stored), malformed bodies (400/413/415), floods (429); and what its logs
 * never contain.
 */
import { readFileSync } from 'node:fs';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNetworkShare } from '../../../src/clients/nodes/fetchNetworkShare.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import type { Attestation } from '../../../src/protocol/formats.ts';
import { newLoginKeys } from '../../../src/wallet/loginKeys.ts';
import { buildTestDealing, drawWalletFor, signTestReceipt, testCreation } from '../../helpers/dealing.ts';
import { type NodeNetwork, post, startNodeNetwork, VERIFIER } from './harness.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('node requests', () => {
  let net: NodeNetwork;
  let url: string;
  let P: string;
  let sessionPub: string;
  let candidateM: string;
  let nonce: string;
  let keys: Awaited<ReturnType<typeof newLoginKeys>>;
  let attestations: Attestation[] = [];
  const seen: string[] = []; // every token sent, to scan the logs for

  beforeAll(async () => {
    net = await startNodeNetwork({
      nodes: 3,
      threshold: 2,
      backend: 'sqlite',
      nodeArgs: ['--identity-rate', '1'],
    });
    url = net.network.nodes[0]!.url;
    keys = await newLoginKeys();
    const { session, candidate } = keys;
    sessionPub = toHex(session.publicKey);
    candidateM = candidate.M;
    nonce = keys.nonce;
    const login = {
      verifier: VERIFIER,
      idToken: await net.forge({ sub: 'victim', nonce }),
      session,
      candidate,
    };
    try {
      await fetchNetworkShare({ network: net.network, ...login });
    } catch (error) {
      if (!isTrineError(error, 'user-unknown')) throw error;
      P = error.details?.P as string;
      attestations = error.details?.attestations as Attestation[];
    }
  });
  afterAll(async () => {
    await net?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);

  async function badTokens(): Promise<[string, string, string][]> {
    const valid = await net.forge({ sub: 'victim', nonce });
    const [h, p, s] = valid.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const jwk = net.privateJwk();
    const publicPem = JSON.stringify({ kty: jwk.kty, n: jwk.n, e: jwk.e });
    const stranger = await generateKeyPair('RS256');
    return [
      [
        'expired',
        await net.forge({ sub: 'victim', nonce, iat: now() - 7200, exp: now() - 3600 }),
        'token-expired',
      ],
      ['wrong aud', await net.forge({ sub: 'victim', nonce, aud: 'another-client' }), 'token-rejected'],
      ['wrong iss', await net.forge({ sub: 'victim', nonce, iss: 'http://localhost:1' }), 'token-rejected'],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`, 'token-rejected'],
      [
        'HS256 keyed with the public key',
        await new SignJWT(payload)
          .setProtectedHeader({ alg: 'HS256', kid: jwk.kid! })
          .sign(new TextEncoder().encode(publicPem)),
        'token-rejected',
      ],
      [
        'unknown kid',
        await new SignJWT(payload)
          .setProtectedHeader({ alg: 'RS256', kid: 'not-a-provider-key' })
          .sign(stranger.privateKey),
        'token-rejected',
      ],
      ['tampered payload', `${h}.${b64({ ...payload, sub: 'someone-else' })}.${s}`, 'token-rejected'],
      ['no nonce', await net.forge({ sub: 'victim' }), 'token-rejected'],
      ['nbf in the future', await net.forge({ sub: 'victim', nonce, nbf: now() + 600 }), 'token-rejected'],
      ['iat in the future', await net.forge({ sub: 'victim', nonce, iat: now() + 600 }), 'token-rejected'],
      ['no subject', await net.forge({ nonce }), 'token-rejected'],
    ];
  }

  it('answers 401 to every bad id token, on every route, and stores nothing', async () => {
    // a dealing the victim's own login could install (creation proof and authorization by its
    // candidate key): the token alone decides
    const wallet = drawWalletFor(keys);
    const built = await buildTestDealing(net.network, P, 1, wallet, attestations);
    const receipt = await signTestReceipt(net.dir, net.network, built.dealing);
    const creation = testCreation(wallet.m, built.dealing, attestations);
    const proof = { authorization: creation.authorization, creation };
    for (const [what, idToken, code] of await badTokens()) {
      seen.push(idToken);
      const login = { verifier: VERIFIER, idToken, sessionPub, candidateM };
      for (const [path, body] of [
        ['/v1/share', login],
        ['/v1/attest', login],
        ['/v1/install', { ...login, dealing: built.dealing, receipt, ...proof }],
      ] as const) {
        const answer = await post(`${url}${path}`, body);
        expect([what, path, answer.status, answer.body.error?.code]).toEqual([what, path, 401, code]);
      }
    }
    const unknownVerifier = await post(`${url}/v1/share`, {
      verifier: 'google',
      idToken: await net.forge({ sub: 'victim', nonce }),
      sessionPub,
      candidateM,
    });
    expect([unknownVerifier.status, unknownVerifier.body.error.message]).toEqual([
      401,
      'id token rejected: unknown verifier "google"',
    ]);
    // nothing was stored: the node still does not know the victim
    const check = await post(`${url}/v1/attest`, {
      verifier: VERIFIER,
      idToken: await net.forge({ sub: 'victim', nonce }),
      sessionPub,
      candidateM,
    });
    expect(check.status).toBe(200);
    expect(check.body.body).toMatchObject({ P, registered: false, epoch: 0 });
  });

  it('gives the client typed errors for refused tokens and honours its abort signal', async () => {
    const { session, candidate, nonce: n } = await newLoginKeys();
    const base = { network: net.network, verifier: VERIFIER, session, candidate };
    const expired = await net.forge({ sub: 'victim', nonce: n, iat: now() - 7200, exp: now() - 3600 });
    seen.push(expired);
    await expect(fetchNetworkShare({ ...base, idToken: expired })).rejects.toMatchObject({
      code: 'token-expired',
    });
    const wrongAud = await net.forge({ sub: 'victim', nonce: n, aud: 'another-client' });
    seen.push(wrongAud);
    const rejected = fetchNetworkShare({ ...base, idToken: wrongAud });
    await expect(rejected).rejects.toMatchObject({ code: 'token-rejected' });
    const error = await rejected.catch((e) => e);
    // decided as soon as t answers can no longer be reached (N − t + 1 = 2 refusals)
    const reasons = error.details.failures.map((f: { reason: string }) => f.reason);
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reasons)).toEqual(new Set(['token-rejected']));
    const controller = new AbortController();
    controller.abort(new Error('user closed the popup'));
    const idToken = await net.forge({ sub: 'victim', nonce: n });
    seen.push(idToken);
    await expect(fetchNetworkShare({ ...base, idToken, signal: controller.signal })).rejects.toThrow(
      'user closed the popup',
    );
  });

  it('accepts a token within the 60 s clock skew', async () => {
    const idToken = await net.forge({
      sub: 'skewed',
      nonce,
      iat: now() - 120,
      exp: now() - 30,
      nbf: now() + 30,
    });
    const answer = await post(`${url}/v1/share`, { verifier: VERIFIER, idToken, sessionPub, candidateM });
    expect(answer.status).toBe(200);
    expect(answer.body.answer.body.status).toBe('unknown');
  });

  it('answers 400 to malformed bodies, 413 to oversized ones, 415 to other content types', async () => {
    const idToken = await net.forge({ sub: 'victim', nonce });
    seen.push(idToken);
    const cases: [unknown, number, RegExp][] = [
      ['{"verifier":', 400, /not valid JSON/],
      [[], 400, /share request/],
      [{ verifier: VERIFIER, idToken, sessionPub: 42, candidateM }, 400, /sessionPub/],
      [{ verifier: VERIFIER, idToken, sessionPub: sessionPub.toUpperCase(), candidateM }, 400, /sessionPub/],
      [{ verifier: VERIFIER, idToken, candidateM }, 400, /sessionPub/],
      [{ verifier: VERIFIER, idToken, sessionPub }, 400, /candidateM/],
      [{ verifier: VERIFIER, idToken, sessionPub, candidateM: candidateM.slice(2) }, 400, /candidateM/],
      [{ verifier: VERIFIER, idToken, sessionPub, candidateM, extra: 1 }, 400, /extra/],
      [{ verifier: 'Not A Name!', idToken, sessionPub, candidateM }, 400, /verifier/],
      [{ verifier: VERIFIER, idToken: 'x'.repeat(600 * 1024), sessionPub, candidateM }, 413, /larger than/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await post(`${url}/v1/share`, body);
      expect(answer.status).toBe(status);
      expect(answer.body.error.message).toMatch(message);
    }
    const install = await post(`${url}/v1/install`, {
      verifier: VERIFIER,
      idToken,
      sessionPub,
      candidateM,
      dealing: { kind: 'dealing' },
      receipt: {},
    });
    expect([install.status, install.body.error.code]).toEqual([400, 'invalid-input']);
    expect((await post(`${url}/v1/share`, 'verifier=x', 'application/x-www-form-urlencoded')).status).toBe(
      415,
    );
    expect((await post(`${url}/v1/nothing`, {})).status).toBe(404);
  });

  it('limits requests per identity (429) and serves /healthz and /metrics', async () => {
    const flooder = await newLoginKeys();
    const body = {
      verifier: VERIFIER,
      idToken: await net.forge({ sub: 'flooder', nonce: flooder.nonce }),
      sessionPub: toHex(flooder.session.publicKey),
      candidateM: flooder.candidate.M,
    };
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await post(`${url}/v1/share`, body)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200)); // burst 10 at 1/s
    expect(statuses.slice(-2)).toEqual([429, 429]);
    // another identity from the same address is not affected
    const other = await post(`${url}/v1/share`, {
      ...body,
      idToken: await net.forge({ sub: 'calm', nonce: flooder.nonce }),
    });
    expect(other.status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/trine_node_requests_total\{route="share",status="429"\} [1-9]/);
    expect(metrics).toMatch(/trine_node_token_failures_total\{code="token-expired"\} [1-9]/);
  });

  it('never writes a token into its logs', async () => {
    const log = readFileSync(net.node(1).logFile, 'utf8');
    expect(log).toMatch(/"status":401/);
    for (const token of seen) {
      for (const part of token.split('.').filter((x) => x.length > 16))
        expect(log.includes(part)).toBe(false);
    }
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(log.includes(net.secretsOf(1).storageKey)).toBe(false);
  });
});
