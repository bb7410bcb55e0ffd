/**
 * Login across hosts (issue 13): wall-clock latency of `login()` (all N nodes in parallel,
 * then the metadata server; N = 5, t = 3) through the multi-host network — every node and
 * the metadata server in a network namespace of its own, over HTTPS with a test CA, 50 ms
 * of delay per host — next to the same login on loopback (plain HTTP) with no delay and
 * with a 50 ms delay proxy per server, and the ratios, all in one run.
 *
 * The delay is a proxy in each host's namespace that holds every request 50 ms (this
 * kernel has no `tc netem`), so it is one delay per request, not per packet: a TLS
 * handshake pays no extra delay here, where netem would add a round trip per new
 * connection (only the first login's, with keep-alive).
 *
 * The measuring runs in a child process started with `NODE_EXTRA_CA_CERTS` = the run's
 * test CA (Node reads it only at start-up): the parent starts both networks, the child logs
 * in. Where namespaces cannot be made (not root, no `ip`) it says so and reports nothing.
 *
 * Run: tsx bench/multihost.bench.ts [--quick]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalConfig } from '../src/config/local.ts';
import type { NetworkConfig } from '../src/config/network.ts';
import { generateDeviceKey } from '../src/crypto/factors/keys.ts';
import { devLogin } from '../src/oidc/devLogin.ts';
import { startMultihostStack } from '../src/stack/multihost/multihostStack.ts';
import { namespacesUnavailable } from '../src/stack/multihost/netns.ts';
import { startStack } from '../src/stack/stack.ts';
import type { Login } from '../src/wallet/backend.ts';
import { login } from '../src/wallet/flows/login.ts';
import { signIn } from '../src/wallet/flows/signIn.ts';
import { newLoginKeys } from '../src/wallet/loginKeys.ts';
import { createNetworkBackend } from '../src/wallet/networkBackend.ts';
import { startDelayProxy } from './lib/delayProxy.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const RUNS = quick ? 6 : 30;
const USERS = quick ? 2 : 6;
const DELAY = 50;
/** Ports of config/local.json plus these: apart from the other benches (12 000 … 12 400). */
const LOOPBACK_OFFSET = 12_600;
const MULTIHOST_OFFSET = 3_100;

type Target = { network: NetworkConfig; issuer: string; clientId: string; redirectUri: string };
type ChildInput = { loopback: Target; multihost: Target };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const round = (x: number) => Math.round(x * 100) / 100;

type Prepared = { run(): Promise<number>; close(): Promise<void> };

/** Registers the users of `target` (via a 50 ms delay proxy per server when `delayed`). */
async function prepare(target: Target, label: string, delayed = false): Promise<Prepared> {
  const loginAs = async (account: string): Promise<Login> => {
    const { session, candidate, nonce } = await newLoginKeys();
    const idToken = await devLogin({
      issuer: target.issuer,
      clientId: target.clientId,
      redirectUri: target.redirectUri,
      account,
      nonce,
    });
    return { verifier: target.network.verifiers[0]?.name ?? '', idToken, session, candidate };
  };
  let network = target.network;
  const proxies = delayed
    ? await Promise.all(
        [...network.nodes.map((n) => n.url), network.metadata.url].map((url) => startDelayProxy(url, DELAY)),
      )
    : [];
  if (delayed)
    network = {
      ...network,
      nodes: network.nodes.map((n, i) => ({ ...n, url: proxies[i]?.url ?? n.url })),
      metadata: { ...network.metadata, url: proxies.at(-1)?.url ?? network.metadata.url },
    };
  const close = () => Promise.all(proxies.map((p) => p.close())).then(() => undefined);
  try {
    const backend = createNetworkBackend(network);
    // Several users taken in turn: the nodes allow each identity 2 logins/s (burst 20).
    const users: { account: string; factorKey: Uint8Array }[] = [];
    for (let u = 0; u < USERS; u++) {
      const factorKey = generateDeviceKey();
      const account = `test-bench-mh-${label}-${u}-${Date.now().toString(36)}`;
      await signIn({
        backend,
        login: await loginAs(account),
        enrol: () => [{ type: 'device', factorKey, label: 'bench' }],
      });
      users.push({ account, factorKey });
    }
    let turn = 0;
    const run = async () => {
      const user = users[turn++ % users.length];
      if (user === undefined) throw new Error('no bench user');
      const creds = await loginAs(user.account);
      const started = performance.now();
      await login({ backend, login: creds, proof: { kind: 'key', factorKey: user.factorKey } });
      return performance.now() - started;
    };
    return { run, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Median login time of each target, measured in rounds (one login of each per round, two
 * warm-up rounds), so a busy machine slows all of them alike and the ratios hold.
 */
async function timeInRounds(targets: Prepared[]): Promise<number[]> {
  const times = targets.map(() => [] as number[]);
  for (let round = 0; round < RUNS + 2; round++)
    for (const [i, target] of targets.entries()) {
      const ms = await target.run();
      if (round >= 2) times[i]?.push(ms);
    }
  return times.map(median);
}

/** The child: trusts the test CA (NODE_EXTRA_CA_CERTS) and measures; last line = figures. */
async function child(input: ChildInput): Promise<void> {
  const targets = [
    await prepare(input.loopback, 'lo0'),
    await prepare(input.loopback, 'lo50', true),
    await prepare(input.multihost, 'ns50'),
  ];
  let medians: number[];
  try {
    medians = await timeInRounds(targets);
  } finally {
    await Promise.all(targets.map((t) => t.close()));
  }
  const [loopback0 = Number.NaN, loopback50 = Number.NaN, netns50 = Number.NaN] = medians;
  console.info(
    `login N=5 loopback: ${loopback0.toFixed(1)} ms, ${loopback50.toFixed(1)} ms with ${DELAY} ms per server (proxy)`,
  );
  console.info(
    `login N=5 across namespaces over HTTPS, ${DELAY} ms per host: ${netns50.toFixed(1)} ms (ideal ${2 * DELAY} ms)`,
  );
  console.info(
    JSON.stringify({
      'multihost.loopback_ms_0': round(loopback0),
      'multihost.loopback_ms_50': round(loopback50),
      'multihost.netns_https_ms_50': round(netns50),
      'multihost.ideal_ms_50': 2 * DELAY,
      'multihost.netns_over_loopback_50_ratio': round(netns50 / loopback50),
      'multihost.netns_over_loopback_0_ratio': round(netns50 / loopback0),
    }),
  );
}

async function parent(): Promise<void> {
  const unavailable = namespacesUnavailable();
  if (unavailable !== undefined) {
    console.info(`multihost bench skipped: this machine cannot make network namespaces (${unavailable})`);
    console.info('{}');
    return;
  }
  const config = loadLocalConfig();
  const redirectUri = `https://${config.extension.id}.chromiumapp.org/`;
  const tmp = mkdtempSync(join(tmpdir(), 'trine-bench-multihost-'));
  // Both networks start at once (start-up is most of a quick run); a failure stops the other.
  const [loopback, multihost] = await Promise.allSettled([
    startStack({
      dir: join(tmp, 'loopback'),
      nodes: 5,
      threshold: 3,
      portOffset: LOOPBACK_OFFSET,
      services: ['oidc', 'nodes', 'metadata'],
    }),
    startMultihostStack({
      prefix: 'trmb',
      subnet: '10.213.1',
      keysDir: join(tmp, 'multihost-keys'),
      runDir: join(tmp, 'multihost-run'),
      portOffset: MULTIHOST_OFFSET,
      nodes: 5,
      threshold: 3,
      delays: { 1: DELAY, 2: DELAY, 3: DELAY, 4: DELAY, 5: DELAY, metadata: DELAY },
    }),
  ]);
  try {
    if (loopback.status === 'rejected') throw loopback.reason;
    if (multihost.status === 'rejected') throw multihost.reason;
    const target = (stack: {
      network: NetworkConfig;
      urls: { issuer: string };
      clientId: string;
    }): Target => ({
      network: stack.network,
      issuer: stack.urls.issuer,
      clientId: stack.clientId,
      redirectUri,
    });
    await runChild(
      { loopback: target(loopback.value), multihost: target(multihost.value) },
      multihost.value.ca.caFile,
    );
  } finally {
    if (multihost.status === 'fulfilled') await multihost.value.stop();
    if (loopback.status === 'fulfilled') await loopback.value.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function runChild(input: ChildInput, caFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, ...process.argv.slice(2)],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, TRINE_MULTIHOST_BENCH: JSON.stringify(input) },
      },
    );
    proc.on('error', reject);
    proc.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the measuring process exited with ${code ?? signal}`)),
    );
  });
}

const childInput = process.env.TRINE_MULTIHOST_BENCH;
if (childInput !== undefined) await child(JSON.parse(childInput) as ChildInput);
else await parent();
