import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../../src/config/local.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { isPortFree } from '../../../src/stack/ports.ts';
import { type Stack, startStack } from '../../../src/stack/stack.ts';
import { processesMentioning, randomOffset, rpc, tempDir } from './helpers.ts';

const config = loadLocalConfig();

describe('the local stack', () => {
  let stack: Stack;
  const offset = randomOffset(0);
  const dir = tempDir('stack');

  beforeAll(async () => {
    stack = await startStack({ dir, portOffset: offset, nodes: 3, threshold: 2 });
  });
  afterAll(() => stack?.stop());

  it('runs every service as a real process on its configured port', async () => {
    expect([...stack.services.keys()].sort()).toEqual(
      ['chain', 'dapp', 'metadata', 'node-1', 'node-2', 'node-3', 'oidc'].filter(
        (name) => !stack.skipped.some((s) => s.startsWith(name.replace(/-\d$/, 's'))),
      ),
    );
    expect(stack.urls.issuer).toBe(`http://localhost:${config.oidc.port + offset}`);
    const discovery = await (await fetch(`${stack.urls.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(stack.urls.issuer);
  });

  it('serves a local chain with id 31337 and funded development accounts', async () => {
    expect(await rpc(stack.urls.chain, 'eth_chainId')).toBe('0x7a69');
    const accounts = (await rpc(stack.urls.chain, 'eth_accounts')) as string[];
    expect(accounts).toHaveLength(10);
    const balance = BigInt(
      (await rpc(stack.urls.chain, 'eth_getBalance', [accounts[0], 'latest'])) as string,
    );
    expect(balance).toBe(10_000n * 10n ** 18n);
  });

  it('has node and metadata servers answering /healthz at the URLs of network.json', async () => {
    expect(stack.network.nodes.map((n) => n.url)).toEqual(stack.urls.nodes);
    for (const url of [...stack.urls.nodes, stack.urls.metadata]) {
      const name = url === stack.urls.metadata ? 'metadata' : 'node';
      if (stack.skipped.some((s) => s.startsWith(name))) continue;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    }
  });

  it('serves the demo dApp page and the OpenID callback page on http://localhost', async () => {
    const page = await fetch(`${stack.urls.dapp}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script type="module" src="/demo.js">');
    expect(await (await fetch(`${stack.urls.dapp}/demo.js`)).text()).toContain(
      "dispatchEvent(new Event('eip6963:requestProvider'))",
    );
    expect((await fetch(stack.urls.oidcCallback)).status).toBe(200);
    expect((await fetch(`${stack.urls.dapp}/../package.json`)).status).toBe(404);
  });

  it('stops every process and frees every port', async () => {
    await stack.stop();
    const ports = [...stack.services.values()].map((s) => Number(new URL(s.url ?? '').port));
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
    expect(processesMentioning(dir)).toEqual([]);
  });
});

describe('the local stack on PostgreSQL', () => {
  const pgUrl = (process.env.TRINE_TEST_PG ??
    'postgres://postgres@127.0.0.1:5432/test') as `postgres://${string}`;
  const pgSchema = `stack_${Date.now().toString(36)}`;
  const query = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    for (const name of [`${pgSchema}_node_1`, `${pgSchema}_node_2`, `${pgSchema}_metadata`]) {
      await query(`drop schema if exists "${name}" cascade`);
    }
  });

  it('gives every server its own schema in one database', async () => {
    const stack = await startStack({
      dir: tempDir('stack-pg'),
      portOffset: randomOffset(0),
      nodes: 2,
      threshold: 2,
      services: ['nodes', 'metadata'],
      store: pgUrl,
      pgSchema,
    });
    try {
      expect([...stack.services.keys()].sort()).toEqual(['metadata', 'node-1', 'node-2']);
      for (const url of [...stack.urls.nodes, stack.urls.metadata])
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const rows = await query(
        'select schema_name from information_schema.schemata where schema_name like $1',
        [`${pgSchema}_%`],
      );
      expect(rows.map((r) => r.schema_name).sort()).toEqual([
        `${pgSchema}_metadata`,
        `${pgSchema}_node_1`,
        `${pgSchema}_node_2`,
      ]);
    } finally {
      await stack.stop();
    }
  });
});

describe('the local stack refuses bad input and starts nothing', () => {
  it('a taken port: names the service and the port', async () => {
    const offset = randomOffset(0);
    const dir = tempDir('stack-port');
    const chainPort = config.chain.port + offset;
    const blocker = createServer().listen(chainPort, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const error = await startStack({ dir, portOffset: offset }).catch((e: unknown) => e);
      expect(isTrineError(error, 'invalid-input')).toBe(true);
      expect(String(error)).toContain(`chain: port ${chainPort} on 127.0.0.1 is already in use`);
      expect(processesMentioning(dir)).toEqual([]);
      expect(await isPortFree(config.oidc.port + offset)).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('a corrupt network.json: says which file and how to fix it', async () => {
    const offset = randomOffset(0);
    const dir = tempDir('stack-corrupt');
    await startStack({ dir, portOffset: offset, services: [] }); // writes a valid network
    writeFileSync(join(dir, 'network.json'), '{"version": 1, "threshold": 9');
    const error = await startStack({ dir, portOffset: offset }).catch((e: unknown) => e);
    expect(String(error)).toContain(
      `the network data directory ${dir} is corrupt: ${join(dir, 'network.json')} is not valid JSON`,
    );
    expect(String(error)).toContain('npm run network:init');
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('a network.json that parses but is invalid: names the field', async () => {
    const dir = tempDir('stack-invalid');
    const offset = randomOffset(0);
    await startStack({ dir, portOffset: offset, services: [] });
    writeFileSync(join(dir, 'network.json'), JSON.stringify({ version: 1, threshold: 2, nodes: [] }));
    const error = await startStack({ dir, portOffset: offset }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/network\.json is invalid \(network\.nodes: /);
  });

  it('a missing secrets file: names it', async () => {
    const dir = tempDir('stack-secrets');
    const offset = randomOffset(0);
    await startStack({ dir, portOffset: offset, services: [] });
    writeFileSync(join(dir, 'node-2.secrets.json'), '{"index": 2}');
    const error = await startStack({ dir, portOffset: offset }).catch((e: unknown) => e);
    expect(String(error)).toContain(`${join(dir, 'node-2.secrets.json')} is invalid`);
    expect(String(error)).not.toMatch(/[0-9a-f]{64}/); // never echoes key material
  });

  it('an unusable store option', async () => {
    const error = await startStack({ dir: tempDir('stack-store'), store: 'mysql://x' as never }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain('store: expected "sqlite" or a postgres:// URL');
  });
});
