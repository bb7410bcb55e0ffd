/**
 * Real metadata server processes for the integration tests: a fresh network directory
 * (initNetwork), a store per backend (a SQLite file, or a fresh PostgreSQL schema that is
 * dropped afterwards), servers spawned with the stack's supervisor on free loopback ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { initNetwork } from '../../../src/config/init-network.ts';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { freePort } from '../../../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../../../src/stack/process.ts';
import { metadataService } from '../../../src/stack/services.ts';
import { nodeSigners } from '../../helpers/record.ts';

export type Backend = 'sqlite' | 'postgres';
export const backends: Backend[] = ['sqlite', 'postgres'];
export const PG_URL = process.env.TRINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestNetwork = {
  dir: string;
  network: NetworkConfig;
  signers: Awaited<ReturnType<typeof nodeSigners>>;
  store: string;
  /** The SQLite file or the PostgreSQL schema of `store`. */
  sqliteFile: string | undefined;
  schema: string | undefined;
  cleanup(): Promise<void>;
};

export async function makeNetwork(backend: Backend, nodes = 3, threshold = 2): Promise<TestNetwork> {
  const dir = mkdtempSync(join(tmpdir(), 'trine-meta-'));
  const { network } = initNetwork({ dir, nodes, threshold, basePort: 19201, metadataPort: await freePort() });
  const signers = await nodeSigners(dir, network);
  const schema = backend === 'postgres' ? `meta_test_${toHex(randomBytes(6))}` : undefined;
  const sqliteFile = backend === 'sqlite' ? join(dir, 'metadata.sqlite') : undefined;
  const store = schema ? `${PG_URL}?schema=${schema}` : `sqlite:${sqliteFile}`;
  return {
    dir,
    network,
    signers,
    store,
    sqliteFile,
    schema,
    async cleanup() {
      if (schema) await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function withPg<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export type MetadataProcess = ServiceHandle & { url: string };

/** Spawns `src/metadata/main.ts` on a free port (or `port`). */
export async function startMetadata(
  net: TestNetwork,
  options: { name?: string; port?: number; args?: string[] } = {},
): Promise<MetadataProcess> {
  const port = options.port ?? (await freePort());
  const spec = metadataService(
    { root: process.cwd(), dir: net.dir, host: '127.0.0.1' },
    { port, store: net.store, name: options.name ?? 'metadata' },
  );
  const service = await spawnService({ ...spec, args: [...(spec.args ?? []), ...(options.args ?? [])] });
  return Object.assign(service, { url: `http://127.0.0.1:${port}` }) as MetadataProcess;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read answer bodies field by field and assert on them
export type Answer = { status: number; body: any };

export async function post(base: string, path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
