/**
 * Scale benchmark (issue 14): the metadata server's signed read and the node's share at
 * 10k, 100k and 1M users on PostgreSQL, each next to a bare handler doing the same database
 * read of the same row (bench/scale-bare.ts) in the same run.
 *
 *   tsx bench/scale.bench.ts [--quick] [--pg postgres://postgres@127.0.0.1:5432/test]
 *   --quick: 10k users only, short runs.
 *
 * A database of its own is created on that server and dropped at the end. Users are seeded
 * in bulk straight into the stores' tables (lib/scaleSeed.ts), growing from one scale to the
 * next; at each scale the tables are vacuumed and analysed, the lookups EXPLAINed, then
 * SAMPLE users drawn at random among all seeded are requested: every request is a different
 * user in turn (lib/load.ts), each with its own RS256 id token (node) or signed read
 * (metadata). A pass touching each sampled row once (JIT and cache warm-up) precedes the
 * timed runs: real server, then bare handler, 50 connections each, for ROUNDS rounds
 * (medians reported). Every answer must be a 200. Servers run as their real processes,
 * rate limits off.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import { initNetwork, metadataSecretsPath, nodeSecretsPath } from '../src/config/init-network.ts';
import type { NetworkConfig } from '../src/config/network.ts';
import { fromHex, toHex } from '../src/crypto/bytes.ts';
import { ecdsaSignBody, importEd25519Signer } from '../src/crypto/signature.ts';
import { openStore } from '../src/metadata/store/open.ts';
import { loadNodeKeys, type NodeKeys, readNodeSecrets } from '../src/node/secrets.ts';
import { openNodeStore } from '../src/node/store/open.ts';
import { jwksPath } from '../src/oidc/jwks.ts';
import { freePort } from '../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../src/stack/process.ts';
import { metadataService, nodeService, oidcService, type ServiceContext } from '../src/stack/services.ts';
import { openPostgres, type PgPool } from '../src/storage/postgres.ts';
import { nodeSigners } from '../test/helpers/record.ts';
import { type BenchDatabase, createBenchDatabase } from './lib/benchDatabase.ts';
import { type LoadFigures, load, shuffled } from './lib/load.ts';
import { drawSharedWallet, type MetadataRow, readSigningKey, validMetadataRow } from './lib/metadataRows.ts';
import {
  explain,
  pOf,
  prepareSeeding,
  type Seeder,
  seedUsers,
  settle,
  subjectOf,
  tableMb,
} from './lib/scaleSeed.ts';
import { BENCH_AUDIENCE, BENCH_VERIFIER, loginMinter, shareRequestBody } from './lib/shareLogin.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    pg: { type: 'string', default: process.env.TRINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const quick = values.quick || process.env.TRINE_BENCH_QUICK === '1';
const SCALES = quick ? [10_000] : [10_000, 100_000, 1_000_000];
const SAMPLE = quick ? 100 : 600;
const DURATION = quick ? 2 : 5;
const ROUNDS = quick ? 1 : 3;
const CONNECTIONS = 50;
const NODE_POOL = 10; // the node's pool (storage/postgres.ts default)
const METADATA_POOL = 20;
const root = process.cwd();
const started = Date.now();
const info = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1_000}k`);
const round2 = (x: number) => Math.round(x * 100) / 100;

const services: ServiceHandle[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];

/** SAMPLE distinct users among 0 … n−1. */
function sample(n: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(SAMPLE, n)) picked.add(Math.floor(Math.random() * n));
  return [...picked];
}

async function spawnTsx(name: string, dir: string, args: string[], extra: string[] = []) {
  const port = await freePort();
  const service = await spawnService({
    name,
    command: process.execPath,
    cwd: root,
    args: [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ...args, '--port', String(port), ...extra],
    port,
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    logFile: join(dir, `${name}.log`),
    timeoutMs: 90_000,
  });
  services.push(service);
  return `http://127.0.0.1:${port}`;
}

type NodeAnswer = { answer: { body: { status: string } } };

type Servers = { node: string; nodeBare: string; metadata: string; metadataBare: string };

async function startServers(dir: string, keys: NodeKeys, nodeStore: string, metadataStore: string) {
  const ctx: ServiceContext = { root, dir, host: '127.0.0.1' };
  const nodePort = await freePort();
  const nodeSpec = nodeService(ctx, { index: keys.self.index, port: nodePort, store: nodeStore });
  const metadataPort = await freePort();
  const metadataSpec = metadataService(ctx, { port: metadataPort, store: metadataStore });
  const [node, metadata] = await Promise.all([
    spawnService({
      ...nodeSpec,
      // each user's login is replayed for the whole run: lift the per-token budget too
      args: [
        ...(nodeSpec.args ?? []),
        ...['--address-rate', '1000000', '--identity-rate', '1000000', '--token-uses', '1000000000'],
      ],
      timeoutMs: 90_000,
    }),
    spawnService({
      ...metadataSpec,
      args: [...(metadataSpec.args ?? []), '--rate-address', '0', '--rate-user', '0'],
      timeoutMs: 90_000,
    }),
  ]);
  services.push(node, metadata);
  const [nodeBare, metadataBare] = await Promise.all([
    spawnTsx(
      'node-bare',
      dir,
      ['bench/scale-bare.ts', '--kind', 'node', '--store', nodeStore],
      ['--pool-size', String(NODE_POOL), '--salt', toHex(keys.networkSalt)],
    ),
    spawnTsx(
      'metadata-bare',
      dir,
      ['bench/scale-bare.ts', '--kind', 'metadata', '--store', metadataStore],
      ['--pool-size', String(METADATA_POOL)],
    ),
  ]);
  return {
    node: `http://127.0.0.1:${nodePort}`,
    nodeBare,
    metadata: `http://127.0.0.1:${metadataPort}`,
    metadataBare,
  } satisfies Servers;
}

/** The real server's answer to `body` must be a 200 that `served` accepts (a record, not "unknown"). */
async function expectServed(url: string, path: string, body: string, served: (answer: never) => boolean) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !served(JSON.parse(text) as never))
    throw new Error(`${url}${path} did not serve a seeded user: ${response.status} ${text.slice(0, 300)}`);
}

/** The median of each figure over the rounds (the machine is shared: one slow moment moves one round). */
function medianOf(runs: LoadFigures[]): LoadFigures {
  const mid = (pick: (r: LoadFigures) => number) => runs.map(pick).sort((x, y) => x - y)[runs.length >> 1]!;
  return {
    rps: mid((r) => r.rps),
    p50: mid((r) => r.p50),
    p99: mid((r) => r.p99),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

/**
 * A warm-up pass over every body on each, then ROUNDS rounds of the server and its bare
 * handler in turn, DURATION s each: medians over the rounds.
 */
async function measure(url: string, bareUrl: string, path: string, bodies: string[]) {
  for (const target of [url, bareUrl])
    await load({ url: target, path, bodies, connections: CONNECTIONS, amount: bodies.length });
  const apps: LoadFigures[] = [];
  const bares: LoadFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    apps.push(await load({ url, path, bodies, connections: CONNECTIONS, duration: DURATION }));
    bares.push(await load({ url: bareUrl, path, bodies, connections: CONNECTIONS, duration: DURATION }));
  }
  info(
    `  p99 by round: server ${apps.map((r) => r.p99).join(', ')}; bare ${bares.map((r) => r.p99).join(', ')} ms`,
  );
  const app = medianOf(apps);
  const bare = medianOf(bares);
  for (const [name, run] of [
    [url, app],
    [bareUrl, bare],
  ] as const)
    if (run.non2xx > 0 || run.errors > 0)
      throw new Error(`${name}${path}: ${run.non2xx} answers not 200, ${run.errors} errors`);
  return { app, bare };
}

function figuresOf(area: string, scale: number, { app, bare }: { app: LoadFigures; bare: LoadFigures }) {
  const s = label(scale);
  return {
    [`${area}_p50_ms_${s}`]: app.p50,
    [`${area}_p99_ms_${s}`]: app.p99,
    [`${area}_rps_${s}`]: app.rps,
    [`${area}_p99_ms_bare_${s}`]: bare.p99,
    [`${area}_p99_ratio_${s}`]: round2(app.p99 / bare.p99),
  };
}

async function buildValidRows(wallet: Seeder['wallet'], keys: NodeKeys, users: Set<number>) {
  info(`building ${users.size} fully valid metadata records (the users requested)`);
  const valid = new Map<number, MetadataRow>();
  for (const i of users) valid.set(i, await validMetadataRow(wallet, pOf(keys, i)));
  return valid;
}

async function main(db: BenchDatabase) {
  const dir = mkdtempSync(join(tmpdir(), 'trine-bench-scale-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const oidcPort = await freePort();
  const issuer = `http://localhost:${oidcPort}`;
  // the provider, then the servers, start while the records are built (awaited below)
  const oidc = spawnService(
    oidcService({ root, dir, host: '127.0.0.1' }, { port: oidcPort, issuer, redirectUris: [] }),
  ).then((service) => services.push(service));
  oidc.catch(() => {});
  const { network } = initNetwork({
    dir,
    nodes: 5,
    threshold: 3,
    basePort: await freePort(),
    metadataPort: await freePort(),
    verifiers: [{ name: BENCH_VERIFIER, issuer, audiences: [BENCH_AUDIENCE], subjectClaim: 'sub' }],
  });
  const keys = await loadNodeKeys(readNodeSecrets(nodeSecretsPath(dir, 1)), network);
  const nodeStore = `${db.url}?schema=node_scale`;
  const metadataStore = `${db.url}?schema=metadata_scale`;
  // the servers' own store code creates the tables
  await (await openNodeStore(nodeStore)).close();
  await (await openStore(metadataStore)).close();
  const pool = await openPostgres({ connectionString: db.url, schema: 'public', max: 2 });
  cleanups.push(() => pool.end());

  const signers = new Map((await nodeSigners(dir, network)).map((s) => [s.index, s.signer]));
  const wallet = drawSharedWallet(network, await receiptSigner(dir, network), signers);
  const samples = new Map(SCALES.map((n) => [n, sample(n)]));
  const starting = oidc.then(() => startServers(dir, keys, nodeStore, metadataStore));
  starting.catch(() => {});
  const valid = await buildValidRows(wallet, keys, new Set([...samples.values()].flat()));
  const template = valid.values().next().value!;
  const seeder: Seeder = {
    pool,
    nodeSchema: 'node_scale',
    metadataSchema: 'metadata_scale',
    keys,
    wallet,
    valid,
    template,
  };
  await prepareSeeding(seeder);
  const servers = await starting;
  const jwk = (JSON.parse(readFileSync(jwksPath(join(dir, 'oidc')), 'utf8')) as { keys: JWK[] }).keys[0]!;
  const mint = loginMinter(issuer, jwk);

  let figures: Record<string, number> = {};
  let seeded = 0;
  for (const scale of SCALES) {
    const t0 = Date.now();
    await seedUsers(seeder, seeded, scale, (n) => {
      if (n % 200_000 === 0) info(`  ${n} users written`);
    });
    seeded = scale;
    info(`${label(scale)}: seeded in ${Math.round((Date.now() - t0) / 1000)} s`);
    await settle(pool, !quick);
    info(`${label(scale)}: vacuumed and analysed${quick ? '' : ', checkpointed'}`);
    const users = shuffled(samples.get(scale)!);
    await report(pool, pOf(keys, users[0]!));

    info(
      `${label(scale)}: node share, ${users.length} users, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s`,
    );
    const logins = [];
    for (const i of users) logins.push(shareRequestBody(await mint(subjectOf(i))));
    await expectServed(
      servers.node,
      '/v1/share',
      logins[0]!,
      (a: NodeAnswer) => a.answer.body.status === 'ok',
    );
    const node = await measure(servers.node, servers.nodeBare, '/v1/share', logins);
    info(`  ${JSON.stringify(node)}`);

    info(`${label(scale)}: metadata read`);
    const reads = readBodies(wallet, keys, users);
    await expectServed(
      servers.metadata,
      '/v1/records/read',
      reads[0]!,
      (a: { version: number }) => a.version === 1,
    );
    const metadata = await measure(servers.metadata, servers.metadataBare, '/v1/records/read', reads);
    info(`  ${JSON.stringify(metadata)}`);
    figures = {
      ...figures,
      ...figuresOf('node.share', scale, node),
      ...figuresOf('metadata.read', scale, metadata),
    };
  }
  return figures;
}

/** Signed reads (ECDSA by g(1), issued now: the server accepts ±60 s). */
function readBodies(wallet: Seeder['wallet'], keys: NodeKeys, users: number[]): string[] {
  const key = readSigningKey(wallet);
  return users.map((i) => {
    const request = { kind: 'record-read', P: pOf(keys, i), issuedAt: Date.now() } as const;
    return JSON.stringify({ request, signature: toHex(ecdsaSignBody(key, request)) });
  });
}

async function receiptSigner(dir: string, network: NetworkConfig): Promise<CryptoKey> {
  const secrets = JSON.parse(readFileSync(metadataSecretsPath(dir), 'utf8')) as { signingKey: string };
  return importEd25519Signer(fromHex(secrets.signingKey, 32), fromHex(network.metadata.signingKey, 32));
}

/** Table sizes and the plans of the two lookups, for the reader of the output. */
async function report(pool: PgPool, P: string) {
  const node = 'node_scale.node_records';
  const records = 'metadata_scale.records';
  info(`  ${node} ${await tableMb(pool, node)} MB, ${records} ${await tableMb(pool, records)} MB`);
  for (const line of await explain(pool, `SELECT epoch, sealed FROM ${node} WHERE p = $1`, [P]))
    info(`  node: ${line}`);
  for (const line of await explain(pool, `SELECT version, record, receipt FROM ${records} WHERE p = $1`, [P]))
    info(`  metadata: ${line}`);
}

const db = await createBenchDatabase(values.pg);
// stopped from outside (the runner's timeout, Ctrl-C): still stop the servers and drop the database
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    info(`scale bench: ${signal}, cleaning up`);
    Promise.allSettled(services.map((s) => s.stop(2000)))
      .then(() => db.drop())
      .finally(() => process.exit(1));
  });
try {
  if (quick) info('--quick: 10k users only (the full run adds 100k and 1M)');
  const figures = await main(db);
  await Promise.all(services.map((s) => s.stop(5000)));
  for (const c of cleanups) await c();
  await db.drop();
  console.info(JSON.stringify(figures));
} catch (error) {
  info(`scale bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await Promise.all(services.map((s) => s.stop(5000)));
  for (const c of cleanups) await Promise.resolve(c()).catch(() => {});
  await db.drop().catch(() => {});
  process.exitCode = 1;
}
