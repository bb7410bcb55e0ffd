/**
 * Issue 19, item 4, as the attack against real node processes: whoever captured one login
 * request of a user (a node operator, a TLS-terminating proxy, a request log) replays it
 * again and again at every node. The replayed token runs out of its own budget (429,
 * scope id-token) and the user's next login, with a new token, still gets through at every
 * node. Old tokens (iat beyond the maximum age) and tokens for another authorized party
 * are refused outright.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkPath, nodeSecretsPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { TOKEN_USES } from '../../../src/node/loginLimiter.ts';
import { loginNonce } from '../../../src/protocol/nonce.ts';
import { CLIENT_ID, type NodeNetwork, post, startNodeNetwork, VERIFIER } from './harness.ts';

type LoginRequest = { verifier: string; idToken: string; sessionPub: string; candidateM: string };

describe('a captured id token replayed at the nodes', () => {
  let net: NodeNetwork;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    // fresh logins per identity: 0.2/s, burst 2 (a refill takes 5 s, longer than the attack)
    net = await startNodeNetwork({
      nodes: 3,
      threshold: 2,
      backend: 'sqlite',
      nodeArgs: ['--identity-rate', '0.2'],
    });
  });
  afterAll(async () => {
    await net?.stop();
  });

  /** One login's request body, as the wallet sends it to every node; `claims` alter the token. */
  async function loginRequest(subject: string, claims: Record<string, unknown> = {}): Promise<LoginRequest> {
    const sessionPub = randomBytes(32);
    const candidateM = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true);
    const nonce = loginNonce(sessionPub, candidateM);
    return {
      verifier: VERIFIER,
      idToken: await net.forge({ sub: subject, nonce, ...claims }),
      sessionPub: toHex(sessionPub),
      candidateM: toHex(candidateM),
    };
  }
  const share = (node: number, body: LoginRequest) =>
    post(`${net.network.nodes[node - 1]!.url}/v1/share`, body);
  const nodes = () => net.network.nodes.map((n) => n.index);

  it('exhausts only the replayed token; the user logs in again with a new token at every node', async () => {
    const captured = await loginRequest('victim');
    for (const j of nodes()) expect((await share(j, captured)).status).toBe(200); // the user's own login

    // the attacker replays the captured request 3× a token's budget at every node
    for (const j of nodes()) {
      const answers = [];
      for (let i = 0; i < 3 * TOKEN_USES; i++) answers.push(await share(j, captured));
      const statuses = answers.map((a) => a.status);
      expect(statuses.slice(0, TOKEN_USES - 1)).toEqual(Array(TOKEN_USES - 1).fill(200));
      expect(statuses.slice(TOKEN_USES - 1)).toEqual(Array(2 * TOKEN_USES + 1).fill(429));
      expect(answers.at(-1)!.body.error).toMatchObject({
        code: 'rate-limited',
        message: 'this id token was used too often at this node: log in again',
        details: { scope: 'id-token' },
      });
    }

    // the user's next login: a new token, served by every node, for as many requests as a login makes
    const fresh = await loginRequest('victim');
    for (const j of nodes()) {
      const answer = await share(j, fresh);
      expect([answer.status, answer.body.answer?.body.P]).toEqual([
        200,
        expect.stringMatching(/^[0-9a-f]{64}$/),
      ]);
      expect((await share(j, fresh)).status).toBe(200);
    }
    // and the replayed token stays refused
    expect((await share(1, captured)).body.error?.details).toEqual({ scope: 'id-token' });
  });

  it('still limits fresh logins per identity: a third new token within the burst is refused', async () => {
    const statuses: [number, unknown][] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await share(1, await loginRequest('busy'));
      statuses.push([answer.status, answer.body.error?.details?.scope]);
    }
    expect(statuses).toEqual([
      [200, undefined],
      [200, undefined],
      [429, 'identity'],
    ]);
    // another identity from the same address is not affected
    expect((await share(1, await loginRequest('calm'))).status).toBe(200);
    const metrics = await (await fetch(`${net.network.nodes[0]!.url}/metrics`)).text();
    expect(metrics).toMatch(/trine_node_login_limited_total\{scope="id-token"\} [1-9]/);
    expect(metrics).toMatch(/trine_node_login_limited_total\{scope="identity"\} 1\b/);
  });

  it('refuses a token older than the maximum age, even with a long exp, and a foreign azp', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'issued 20 min ago, exp in 1 h',
        { iat: now() - 1200, exp: now() + 3600 },
        'token-expired',
        /older than 15 minutes/,
      ],
      [
        'several audiences, no azp',
        { aud: [CLIENT_ID, 'another-client'] },
        'token-rejected',
        /"azp" claim missing/,
      ],
      [
        'azp of another client',
        { aud: [CLIENT_ID, 'another-client'], azp: 'another-client' },
        'token-rejected',
        /"azp"/,
      ],
      ['azp of another client, one audience', { azp: 'another-client' }, 'token-rejected', /"azp"/],
    ];
    for (const [what, claims, code, message] of cases) {
      const body = await loginRequest('victim-2', claims);
      for (const j of nodes()) {
        const answer = await share(j, body);
        expect([what, j, answer.status, answer.body.error?.code]).toEqual([what, j, 401, code]);
        expect(answer.body.error.message).toMatch(message);
      }
    }
    // the same user with a correct azp and a recent token is served
    const ok = await loginRequest('victim-2', {
      aud: [CLIENT_ID, 'another-client'],
      azp: CLIENT_ID,
      iat: now() - 600,
    });
    for (const j of nodes()) expect((await share(j, ok)).status).toBe(200);
  });

  it('will not start with a maximum token age shorter than a registration needs', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        join(repoRoot, 'node_modules/.bin/tsx'),
        [
          'src/node/main.ts',
          ...['--network', networkPath(net.dir), '--secrets', nodeSecretsPath(net.dir, 1)],
          ...['--store', `sqlite:${join(net.dir, 'unused.sqlite')}`, '--port', '0', '--max-token-age', '60'],
        ],
        { cwd: repoRoot, timeout: 30_000 },
        (error, _stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('node: cannot start: the maximum token age must be at least 300 s');
  });
});
