/**
 * Metadata server benchmark: signed reads/s and compare-and-swap writes/s with p50/p99 at
 * 50 connections (autocannon), on PostgreSQL and on the embedded SQLite store, next to a
 * bare node:http handler doing the same signature verification (the limit of the work).
 * Also the cost of one ECDSA secp256k1 verification, noble (browser) vs OpenSSL (server).
 *
 *   tsx bench/metadata.bench.ts [--quick] [--pg postgres://postgres@127.0.0.1:5432/test]
 *
 * The server runs as its real process (rate limits off). Each write connection owns one
 * user at a time; write bodies are signed before the run (OpenSSL, low-S), so the client's
 * signing does not count against the server. Prints one JSON line of figures last.
 */
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { initNetwork, metadataSecretsPath, networkPath } from '../src/config/init-network.ts';
import type { NetworkConfig } from '../src/config/network.ts';
import { randomBytes, toHex } from '../src/crypto/bytes.ts';
import { N, pointToBytes, publicOf, scalarToBytes } from '../src/crypto/scalar.ts';
import { ecdsaSignBody, ecdsaVerifyBody } from '../src/crypto/signature.ts';
import { readKey } from '../src/metadata/checks/readSignature.ts';
import { ecdsaVerifyBodyNative, signedPreimage } from '../src/metadata/ecdsaVerifyNative.ts';
import { recordHash } from '../src/protocol/hashes.ts';
import { freePort } from '../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../src/stack/process.ts';
import {
  attest,
  createRequest,
  newUser,
  nodeSigners,
  readRequest,
  type TestUser,
} from '../test/helpers/record.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    pg: { type: 'string', default: process.env.TRINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const quick = values.quick;
const DURATION = quick ? 2 : 10;
const CONNECTIONS = 50;
const USERS = quick ? 60 : 100;
const PRESIGNED = quick ? 6 : 30;
const info = (line: string) => process.stderr.write(`${line}\n`);

// ---------- signing write bodies (client side, before the run) ----------

function nativeSigner(m: bigint): KeyObject {
  const pub = publicOf(m).toBytes(false);
  const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64url');
  const jwk = {
    kty: 'EC',
    crv: 'secp256k1',
    d: b64(scalarToBytes(m)),
    x: b64(pub.subarray(1, 33)),
    y: b64(pub.subarray(33)),
  };
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

function signWriteNative(key: KeyObject, P: string, expectedVersion: number, hash: string): string {
  const body = { kind: 'record-write', P, expectedVersion, recordHash: hash } as const;
  const sig = sign('sha256', signedPreimage(body), { key, dsaEncoding: 'ieee-p1363' });
  const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  if (s > N >> 1n) sig.set(scalarToBytes(N - s), 32); // low-S, as the verifiers require
  return sig.toString('hex');
}

type Writer = {
  user: TestUser;
  key: KeyObject;
  prefix: string;
  hash: string;
  version: number;
  busySince: number;
};

function writeBody(w: Writer, signatures: Map<string, string>): string {
  const id = `${w.user.P}:${w.version}`;
  const signature = signatures.get(id) ?? signWriteNative(w.key, w.user.P, w.version, w.hash);
  return `${w.prefix}"expectedVersion":${w.version},"signature":"${signature}"}`;
}

// ---------- runs ----------

type Figures = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

async function run(url: string, requests: autocannon.Request[]): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests,
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function readRequests(users: TestUser[]): autocannon.Request[] {
  // issuedAt now: valid for the ±60 s window during the whole run
  return users.map((u) => ({ path: '/v1/records/read', body: JSON.stringify(readRequest(u)) }));
}

function writeRequests(writers: Writer[], signatures: Map<string, string>): autocannon.Request[] {
  const byP = new Map(writers.map((w) => [w.user.P, w]));
  return [
    {
      path: '/v1/records/write',
      setupRequest(req, context) {
        // one write in flight per user: take a free one (or the one waiting longest)
        const w = writers.reduce((a, b) => (b.busySince < a.busySince ? b : a));
        w.busySince = Date.now();
        context.P = w.user.P; // the context of this request, handed back to onResponse
        return { ...req, body: writeBody(w, signatures) };
      },
      onResponse(status, body, context) {
        const w = byP.get(context.P as string);
        if (!w) return;
        const answer = JSON.parse(body);
        if (status === 200) w.version = answer.version;
        else if (status === 409) w.version = answer.error.details.currentVersion;
        w.busySince = 0;
      },
    },
  ];
}

async function startServer(dir: string, store: string): Promise<ServiceHandle & { url: string }> {
  const port = await freePort();
  const args = ['src/metadata/main.ts', '--network', networkPath(dir), '--secrets', metadataSecretsPath(dir)];
  args.push(
    '--store',
    store,
    '--port',
    String(port),
    '--rate-address',
    '0',
    '--rate-user',
    '0',
    '--pool-size',
    '20',
  );
  const service = await spawnService({
    name: 'metadata-bench',
    command: 'tsx',
    args,
    port,
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    logFile: join(dir, 'metadata.log'),
  });
  return Object.assign(service, { url: `http://127.0.0.1:${port}` });
}

async function buildUsers(network: NetworkConfig): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < USERS; i++) users.push(await newUser(network));
  return users;
}

async function createUsers(url: string, users: TestUser[], signers: Awaited<ReturnType<typeof nodeSigners>>) {
  for (const u of users) {
    const response = await fetch(`${url}/v1/records/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await createRequest(u, await attest(signers, u))),
    });
    if (response.status !== 201)
      throw new Error(`create failed: ${response.status} ${await response.text()}`);
  }
}

type Setup = { dir: string; users: TestUser[]; signers: Awaited<ReturnType<typeof nodeSigners>> };

async function backendRun({ dir, users, signers }: Setup, store: string, label: string) {
  const server = await startServer(dir, store);
  try {
    info(`${label}: creating ${USERS} users`);
    await createUsers(server.url, users, signers);
    info(`${label}: signing ${USERS * PRESIGNED} write bodies`);
    const writers: Writer[] = users.map((user) => {
      const { record } = user;
      return {
        user,
        key: nativeSigner(user.m),
        prefix: `{"record":${JSON.stringify(record)},`,
        hash: recordHash(record),
        version: 1,
        busySince: 0,
      };
    });
    const signatures = new Map<string, string>();
    for (const w of writers)
      for (let v = 1; v <= PRESIGNED; v++)
        signatures.set(`${w.user.P}:${v}`, signWriteNative(w.key, w.user.P, v, w.hash));
    info(`${label}: reads`);
    const read = await run(server.url, readRequests(users));
    info(`${label}: writes`);
    const write = await run(server.url, writeRequests(writers, signatures));
    info(`${label}: ${JSON.stringify({ read, write })}`);
    return { read, write };
  } finally {
    await server.stop();
  }
}

async function limitRun(dir: string, users: TestUser[]): Promise<Figures> {
  const port = await freePort();
  const data = join(dir, 'limit.json');
  const readKeys = Object.fromEntries(
    users.map((u) => [u.P, toHex(readKey(u.record.meta.M, u.record.meta.B1))]),
  );
  const sample = users[0]!;
  const answer = { version: 1, record: sample.record, receipt: { body: {}, sig: '00'.repeat(64) } };
  writeFileSync(data, JSON.stringify({ readKeys, answer }));
  const service = await spawnService({
    name: 'metadata-limit',
    command: 'tsx',
    args: ['bench/metadata-limit.ts', '--port', String(port), '--data', data],
    port,
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    logFile: join(dir, 'limit.log'),
  });
  try {
    info('limit: reads');
    return await run(`http://127.0.0.1:${port}`, readRequests(users));
  } finally {
    await service.stop();
  }
}

function verifyCostUs(): { noble: number; native: number } {
  const m = BigInt(`0x${toHex(randomBytes(31))}`) + 1n;
  const pub = pointToBytes(publicOf(m));
  const body = { kind: 'record-read', P: '00'.repeat(32), issuedAt: Date.now() } as const;
  const sig = ecdsaSignBody(scalarToBytes(m), body);
  const time = (f: () => boolean, n: number) => {
    f();
    const t = performance.now();
    for (let i = 0; i < n; i++) if (!f()) throw new Error('verify failed');
    return Math.round(((performance.now() - t) / n) * 1000);
  };
  return {
    noble: time(() => ecdsaVerifyBody(pub, body, sig), 200),
    native: time(() => ecdsaVerifyBodyNative(pub, body, sig), 2000),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'trine-meta-bench-'));
  const schema = `meta_bench_${toHex(randomBytes(4))}`;
  try {
    const { network } = initNetwork({ dir, nodes: 3, threshold: 2, basePort: 19201, metadataPort: 19300 });
    const verify = verifyCostUs();
    info(`verify: ${JSON.stringify(verify)} µs`);
    info(`building ${USERS} user records`);
    const setup: Setup = { dir, users: await buildUsers(network), signers: await nodeSigners(dir, network) };
    const pgUrl = `${values.pg}${values.pg.includes('?') ? '&' : '?'}schema=${schema}`;
    const pgRun = await backendRun(setup, pgUrl, 'postgres');
    const sqliteRun = await backendRun(setup, `sqlite:${join(dir, 'metadata.sqlite')}`, 'sqlite');
    const limit = await limitRun(dir, setup.users);
    const figures = {
      'metadata.read_rps': pgRun.read.rps,
      'metadata.read_rps_limit': limit.rps,
      'metadata.write_rps': pgRun.write.rps,
      'metadata.read_p50_ms': pgRun.read.p50,
      'metadata.read_p99_ms': pgRun.read.p99,
      'metadata.write_p50_ms': pgRun.write.p50,
      'metadata.write_p99_ms': pgRun.write.p99,
      'metadata.read_rps_embedded': sqliteRun.read.rps,
      'metadata.read_rps_limit_embedded': limit.rps,
      'metadata.write_rps_embedded': sqliteRun.write.rps,
      'metadata.read_p50_ms_embedded': sqliteRun.read.p50,
      'metadata.read_p99_ms_embedded': sqliteRun.read.p99,
      'metadata.write_p50_ms_embedded': sqliteRun.write.p50,
      'metadata.write_p99_ms_embedded': sqliteRun.write.p99,
      'metadata.read_p99_ms_limit': limit.p99,
      'metadata.ecdsa_verify_us_noble': verify.noble,
      'metadata.ecdsa_verify_us_native': verify.native,
      'metadata.non2xx':
        pgRun.read.non2xx +
        pgRun.write.non2xx +
        sqliteRun.read.non2xx +
        sqliteRun.write.non2xx +
        limit.non2xx,
    };
    console.info(JSON.stringify(figures));
  } finally {
    const client = new pg.Client({ connectionString: values.pg });
    await client
      .connect()
      .then(() => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))
      .catch(() => {});
    await client.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`metadata bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
