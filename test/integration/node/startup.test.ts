/**
 * A node refuses to start on wrong or missing secrets, and on a storage key that does not
 * open its existing store, with a message that names the problem and no secret.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNetwork, networkPath, nodeSecretsPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { freePort } from '../../../src/stack/ports.ts';
import { spawnService } from '../../../src/stack/process.ts';
import { burstAs, postAs } from '../../helpers/forwarded.ts';
import { PG_URL } from './harness.ts';

type Run = { code: number | null; stderr: string };

function runNode(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(repoRoot, 'node_modules/.bin/tsx'),
      ['src/node/main.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 30_000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

describe('node start-up', () => {
  let dir: string;
  const schema = `node_startup_${toHex(randomBytes(5))}`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trine-node-start-'));
    initNetwork({ dir, nodes: 2, threshold: 2, basePort: 19991, metadataPort: 19999 });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  const secrets = () => readFileSync(nodeSecretsPath(dir, 1), 'utf8');

  it.each([
    ['sqlite', () => `sqlite:${join(dir, 'node-1.sqlite')}`],
    ['postgres', () => `${PG_URL}?schema=${schema}`],
  ])(
    'takes its secrets from TRINE_NODE_SECRETS and stops on a storage key that does not open its %s store',
    async (_name, store) => {
      const port = await freePort();
      const node = await spawnService({
        name: 'node-start',
        command: 'tsx',
        cwd: repoRoot,
        args: ['src/node/main.ts', '--network', networkPath(dir), '--store', store(), '--port', String(port)],
        env: { TRINE_NODE_SECRETS: secrets() },
        readyUrl: `http://127.0.0.1:${port}/healthz`,
      });
      await node.stop();
      const wrongKey = { ...JSON.parse(secrets()), storageKey: toHex(randomBytes(32)) };
      const run = await runNode(['--network', networkPath(dir), '--store', store(), '--port', String(port)], {
        TRINE_NODE_SECRETS: JSON.stringify(wrongKey),
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/the storage key does not open this store/);
      expect(run.stderr.includes(wrongKey.storageKey)).toBe(false);
    },
  );

  const share = (port: number) => `http://127.0.0.1:${port}/v1/share`;
  const rateStoreArgs = (port: number) => [
    '--network',
    networkPath(dir),
    '--secrets',
    nodeSecretsPath(dir, 1),
    '--store',
    `sqlite:${join(dir, 'rate.sqlite')}`,
    '--port',
    String(port),
  ];

  const rateLimitedNode = async (port: number, extra: string[]) =>
    spawnService({
      name: 'node-rate',
      command: 'tsx',
      cwd: repoRoot,
      args: ['src/node/main.ts', ...rateStoreArgs(port), '--address-rate', '1', ...extra],
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });

  it('limits requests per client address (429) before reading them; a forged X-Forwarded-For changes nothing', async () => {
    const port = await freePort();
    const node = await spawnService({
      name: 'node-rate',
      command: 'tsx',
      cwd: repoRoot,
      args: ['src/node/main.ts', '--network', networkPath(dir), '--secrets', nodeSecretsPath(dir, 1)],
      port,
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    }).catch(() => undefined);
    expect(node).toBeUndefined(); // --store and --port are required
    const limited = await rateLimitedNode(port, []);
    try {
      // a new made-up client address on every request: no proxy is trusted, so the peer counts
      const statuses = await burstAs(share(port), (i) => `198.51.100.${i + 1}`);
      expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]); // burst 4 at 1/s
      expect(statuses.at(-1)).toBe(429);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('behind a trusted proxy (--trust-proxy) limits each client it names, and the client cannot pick its name', async () => {
    const port = await freePort();
    const node = await rateLimitedNode(port, ['--trust-proxy', '127.0.0.1']);
    try {
      // the proxy appends the address it saw; one client floods, half the time writing
      // someone else's address to the left of its own: all six count as that one client
      const flood = await burstAs(share(port), (i) =>
        i % 2 ? '198.51.100.77, 198.51.100.1' : '198.51.100.1',
      );
      expect(flood.slice(0, 4)).toEqual([400, 400, 400, 400]);
      expect(flood.at(-1)).toBe(429);
      // another client behind the same proxy is served
      expect(await postAs(share(port), '198.51.100.2')).toBe(400);
      // an IPv6 client is limited by its /64: a new address in the same /64 is the same client
      const v6 = await burstAs(share(port), (i) => `2001:db8:1:2::${i + 1}`);
      expect(v6.at(-1)).toBe(429);
      expect(await postAs(share(port), '2001:db8:1:3::1')).toBe(400);
    } finally {
      await node.stop();
    }
    const bad = await runNode([...rateStoreArgs(0), '--trust-proxy', '10.0.0.0/8']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--trust-proxy: "10.0.0.0\/8" is not an IP address/);
  });

  it('stops with a clear message on missing, malformed or mismatched secrets', async () => {
    const store = `sqlite:${join(dir, 'node-x.sqlite')}`;
    const base = ['--network', networkPath(dir), '--store', store, '--port', '0'];
    const swapped = {
      ...JSON.parse(secrets()),
      signingKey: JSON.parse(readFileSync(nodeSecretsPath(dir, 2), 'utf8')).signingKey,
    };
    const file = join(dir, 'swapped.json');
    writeFileSync(file, JSON.stringify(swapped));
    const [missing, malformed, mismatch, noFile] = await Promise.all([
      runNode(base, { TRINE_NODE_SECRETS: '' }),
      runNode(base, { TRINE_NODE_SECRETS: '{"index":1}' }),
      runNode([...base, '--secrets', file]),
      runNode([...base, '--secrets', join(dir, 'absent.json')]),
    ]);
    expect(missing!.stderr).toMatch(/no node secrets: pass --secrets <file> or set TRINE_NODE_SECRETS/);
    expect(malformed!.stderr).toMatch(/TRINE_NODE_SECRETS is invalid: node secrets.signingKey/);
    expect(mismatch!.stderr).toMatch(/the signing key does not match node 1's signingKey in network.json/);
    expect(mismatch!.stderr.includes(swapped.signingKey)).toBe(false);
    expect(noFile!.stderr).toMatch(/cannot read the node secrets file/);
    for (const run of [missing, malformed, mismatch, noFile]) expect(run!.code).toBe(1);
  });
});
