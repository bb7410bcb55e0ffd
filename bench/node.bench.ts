/**
 * Node benchmark (issue 4):
 * - share requests/s and p50/p99 of ONE node process at 50 connections (autocannon), every
 *   request a known user with its own RS256 id token (minted with the dev provider's key,
 *   nonce bound to its session key), so each is a full verify + read + open + seal + sign;
 * - the same load on a bare node:http handler doing the same token check, sealing and
 *   signing without storage, routing, limits or metrics (bench/node-limit.ts): the limit;
 * - network-share retrieval latency (fetchNetworkShare, wall clock) for N = 5 and N = 18;
 * - the client's CPU per retrieval at N = 18: the same call replayed from recorded answers,
 *   so only the client's own work (parsing, t signature checks, t openings, interpolation,
 *   the commitment check) counts.
 *
 *   tsx bench/node.bench.ts [--quick]      (last stdout line: one JSON object of figures)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { JWK } from 'jose';
import { attest } from '../src/clients/nodes/attest.ts';
import { fetchNetworkShare } from '../src/clients/nodes/fetchNetworkShare.ts';
import { installDealing } from '../src/clients/nodes/installDealing.ts';
import type { NodeLogin } from '../src/clients/nodes/types.ts';
import { initNetwork, nodeSecretsPath } from '../src/config/init-network.ts';
import type { NetworkConfig } from '../src/config/network.ts';
import { fromHex, toHex } from '../src/crypto/bytes.ts';
import { pseudonym } from '../src/crypto/pseudonym.ts';
import { jwksPath } from '../src/oidc/jwks.ts';
import { freePort, isPortFree } from '../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../src/stack/process.ts';
import { nodeService, oidcService, type ServiceContext } from '../src/stack/services.ts';
import { buildTestDealing, drawWalletFor, signTestReceipt, testCreation } from '../test/helpers/dealing.ts';
import {
  BENCH_AUDIENCE,
  BENCH_VERIFIER,
  type BenchLogin,
  type LoginMinter,
  loginMinter,
  shareRequestBody,
} from './lib/shareLogin.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const DURATION = quick ? 2 : 10;
const CONNECTIONS = 50;
const USERS = quick ? 20 : 100;
const RUNS = quick ? 10 : 40;
const VERIFIER = BENCH_VERIFIER;
const AUDIENCE = BENCH_AUDIENCE;
const info = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

const root = process.cwd();
const services: ServiceHandle[] = [];
const dirs: string[] = [];

async function freeBlock(count: number): Promise<number> {
  for (;;) {
    const base = 30_000 + Math.floor(Math.random() * 20_000);
    if ((await Promise.all(Array.from({ length: count }, (_, i) => isPortFree(base + i)))).every(Boolean))
      return base;
  }
}

type Net = { dir: string; network: NetworkConfig; salt: Uint8Array };

async function makeNetwork(nodes: number, threshold: number, issuer: string, oidcDir?: string): Promise<Net> {
  const dir = mkdtempSync(join(tmpdir(), 'trine-bench-node-'));
  dirs.push(dir);
  const basePort = await freeBlock(nodes);
  const { network } = initNetwork({
    dir,
    nodes,
    threshold,
    basePort,
    metadataPort: await freePort(),
    verifiers: [{ name: VERIFIER, issuer, audiences: [AUDIENCE], subjectClaim: 'sub' }],
  });
  const ctx: ServiceContext = { root, dir: oidcDir ?? dir, host: '127.0.0.1' };
  await Promise.all(
    network.nodes.map(async (node, i) => {
      const spec = nodeService(
        { ...ctx, dir },
        { index: node.index, port: basePort + i, store: `sqlite:${join(dir, `node-${node.index}.sqlite`)}` },
      );
      // each login is replayed for the whole run: lift the per-token budget too
      const args = [
        ...(spec.args ?? []),
        ...['--address-rate', '1000000', '--identity-rate', '1000000', '--token-uses', '1000000000'],
      ];
      services.push(await spawnService({ ...spec, args, timeoutMs: 90_000 }));
    }),
  );
  const salt = fromHex(
    (JSON.parse(readFileSync(nodeSecretsPath(dir, 1), 'utf8')) as { networkSalt: string }).networkSalt,
    32,
  );
  return { dir, network, salt };
}

/** Unknown at every node → their attestations (inbox keys) → dealing, receipt, creation proof → installed on all. */
async function register(net: Net, login: BenchLogin, subject: string) {
  const P = toHex(pseudonym(net.salt, VERIFIER, subject));
  const { attestations } = await attest({ network: net.network, ...login });
  const wallet = drawWalletFor(login);
  const built = await buildTestDealing(net.network, P, 1, wallet, attestations);
  const receipt = await signTestReceipt(net.dir, net.network, built.dealing);
  const creation = testCreation(wallet.m, built.dealing, attestations);
  await installDealing({
    network: net.network,
    ...login,
    dealing: built.dealing,
    receipt,
    authorization: creation.authorization,
    creation,
    required: net.network.nodes.length,
  });
}

async function load(url: string, bodies: string[]) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: bodies.map((body) => ({ path: '/v1/share', body })),
  });
  if (result.non2xx > 0 || result.errors > 0)
    info(`  ${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

async function retrievalMs(net: Net, mint: LoginMinter, subject: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const login = await mint(subject);
    const t0 = performance.now();
    await fetchNetworkShare({ network: net.network, ...login });
    times.push(performance.now() - t0);
  }
  return round(median(times));
}

/** Client CPU per retrieval: answers recorded once, then served from memory to the real client. */
async function clientCpuMs(net: Net, login: NodeLogin): Promise<number> {
  const realFetch = globalThis.fetch;
  const recorded = new Map<string, string>();
  const request = shareRequestBody(login);
  for (const node of net.network.nodes) {
    const url = `${node.url}/v1/share`;
    const response = await realFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request,
    });
    recorded.set(url, await response.text());
  }
  globalThis.fetch = async (input) => new Response(recorded.get(String(input)) ?? '', { status: 200 });
  try {
    for (let i = 0; i < 20; i++) await fetchNetworkShare({ network: net.network, ...login }); // warm up (JIT, key caches)
    // CPU time of the whole process (WebCrypto's thread pool included), not wall time:
    // the figure should not depend on how busy the machine is
    const runs = RUNS * 3;
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) await fetchNetworkShare({ network: net.network, ...login });
    const used = process.cpuUsage(before);
    return round((used.user + used.system) / 1000 / runs);
  } finally {
    globalThis.fetch = realFetch;
  }
}

async function main() {
  const oidcDir = mkdtempSync(join(tmpdir(), 'trine-bench-oidc-'));
  dirs.push(oidcDir);
  const oidcPort = await freePort();
  const issuer = `http://localhost:${oidcPort}`;
  info('starting the dev OpenID provider, 5 + 18 nodes');
  services.push(
    await spawnService(
      oidcService({ root, dir: oidcDir, host: '127.0.0.1' }, { port: oidcPort, issuer, redirectUris: [] }),
    ),
  );
  const jwk = (JSON.parse(readFileSync(jwksPath(join(oidcDir, 'oidc')), 'utf8')) as { keys: JWK[] }).keys[0]!;
  const mint = loginMinter(issuer, jwk);
  const t0 = Date.now();
  const net5 = await makeNetwork(5, 3, issuer);
  const net18 = await makeNetwork(18, 10, issuer);
  info(`  started in ${Math.round((Date.now() - t0) / 1000)} s`);

  info(`registering ${USERS} users`);
  const bodies: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const login = await mint(`bench-${i}`);
    await register(net5, login, `bench-${i}`);
    bodies.push(shareRequestBody(login));
  }
  await register(net18, await mint('bench-0'), 'bench-0');

  info(`share requests: one node process, ${CONNECTIONS} connections, ${DURATION} s`);
  await load(net5.network.nodes[0]!.url, bodies.slice(0, 5)); // warm-up
  const node = await load(net5.network.nodes[0]!.url, bodies);

  const limitPort = await freePort();
  const limitData = join(oidcDir, 'limit.json');
  const secrets = JSON.parse(readFileSync(nodeSecretsPath(net5.dir, 1), 'utf8')) as {
    signingKey: string;
    networkSalt: string;
  };
  const publicJwks = { keys: [{ kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: 'RS256', use: 'sig' }] };
  writeFileSync(
    limitData,
    JSON.stringify({
      issuer,
      audience: AUDIENCE,
      jwks: publicJwks,
      signingSeed: secrets.signingKey,
      signingPub: net5.network.nodes[0]!.signingKey,
      networkSalt: secrets.networkSalt,
    }),
  );
  services.push(
    await spawnService({
      name: 'node-limit',
      command: 'tsx',
      cwd: root,
      args: ['bench/node-limit.ts', '--port', String(limitPort), '--data', limitData],
      port: limitPort,
      readyLine: /listening/,
    }),
  );
  const limitUrl = `http://127.0.0.1:${limitPort}`;
  await load(limitUrl, bodies.slice(0, 5));
  const limit = await load(limitUrl, bodies);
  info(
    `  node ${node.rps}/s p50 ${node.p50} ms p99 ${node.p99} ms; bare handler ${limit.rps}/s p99 ${limit.p99} ms`,
  );

  info(`retrieval latency, ${RUNS} logins each`);
  await retrievalMs(net5, mint, 'bench-0'); // warm-up
  const n5 = await retrievalMs(net5, mint, 'bench-0');
  await retrievalMs(net18, mint, 'bench-0');
  const n18 = await retrievalMs(net18, mint, 'bench-0');
  const cpu18 = await clientCpuMs(net18, await mint('bench-0'));
  info(`  N=5 ${n5} ms, N=18 ${n18} ms; client CPU at N=18 ${cpu18} ms`);

  return {
    'node.share_rps': node.rps,
    'node.share_p50_ms': node.p50,
    'node.share_p99_ms': node.p99,
    'node.share_rps_limit': limit.rps,
    'node.share_p99_ms_limit': limit.p99,
    'node.retrieve_n5_ms': n5,
    'node.retrieve_n18_ms': n18,
    'node.client_crypto_ms_n18': cpu18,
  };
}

try {
  const figures = await main();
  await Promise.all(services.map((s) => s.stop(2000)));
  console.info(JSON.stringify(figures));
} catch (error) {
  info(`node bench failed: ${error instanceof Error ? error.message : String(error)}`);
  await Promise.all(services.map((s) => s.stop(2000)));
  process.exitCode = 1;
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
