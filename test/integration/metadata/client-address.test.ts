/**
 * The metadata server's per-address limit, as a real process: the peer counts unless it is
 * a proxy named by --trust-proxy, then the client that proxy names (X-Forwarded-For, read
 * from the right) counts, and a client cannot choose its own name.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { metadataSecretsPath, networkPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import { burstAs, postAs } from '../../helpers/forwarded.ts';
import { makeNetwork, startMetadata, type TestNetwork } from './harness.ts';

/** A bad read: 400 when served, 429 when limited. */
const read = (url: string) => `${url}/v1/records/read`;

describe('metadata per-address limit', () => {
  let net: TestNetwork;
  beforeAll(async () => {
    net = await makeNetwork('sqlite');
  });
  afterAll(async () => {
    await net?.cleanup();
  });

  test('without --trust-proxy a forged X-Forwarded-For does not give a fresh allowance', async () => {
    const server = await startMetadata(net, { args: ['--rate-address', '1'] });
    try {
      const statuses = await burstAs(read(server.url), (i) => `198.51.100.${i + 1}`);
      expect(statuses.slice(0, 2)).toEqual([400, 400]); // burst 2 at 1/s
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await server.stop();
    }
  });

  test('behind a trusted proxy each named client has its own allowance, whatever it writes to the left', async () => {
    const server = await startMetadata(net, {
      args: ['--rate-address', '1', '--trust-proxy', '127.0.0.1,::1'],
    });
    try {
      const flood = await burstAs(read(server.url), (i) =>
        i % 2 ? '203.0.113.50, 198.51.100.1' : '198.51.100.1',
      );
      expect(flood.slice(0, 2)).toEqual([400, 400]);
      expect(flood.at(-1)).toBe(429);
      expect(await postAs(read(server.url), '198.51.100.2')).toBe(400);
    } finally {
      await server.stop();
    }
  });

  test('a --trust-proxy entry that is not an address stops start-up, naming it', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        join(repoRoot, 'node_modules/.bin/tsx'),
        [
          'src/metadata/main.ts',
          '--network',
          networkPath(net.dir),
          '--secrets',
          metadataSecretsPath(net.dir),
          '--store',
          net.store,
          '--port',
          '0',
          '--trust-proxy',
          'lb.internal',
        ],
        { cwd: repoRoot, timeout: 30_000 },
        (error, _stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--trust-proxy: "lb.internal" is not an IP address/);
  });
});
