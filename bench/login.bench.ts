/**
 * Login end to end (issue 6): wall-clock latency of `login()` — all N nodes in parallel,
 * then the metadata server — for N = 5 (t = 3) and N = 18 (t = 10), with 0 ms and with
 * 50 ms injected on every hop (a delay proxy in front of each node and the metadata
 * server), next to the two-round-trip ideal (2 × the injected delay); and the client's CPU
 * time per login at N = 5 and N = 18: the same login replayed from recorded answers, so only the
 * client's own work (parsing, signature checks, unsealing, interpolation, key checks) counts.
 *
 * Run: tsx bench/login.bench.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkConfig } from '../src/config/network.ts';
import { generateDeviceKey } from '../src/crypto/factors/keys.ts';
import { devLogin } from '../src/oidc/devLogin.ts';
import { startStack } from '../src/stack/stack.ts';
import type { Login } from '../src/wallet/backend.ts';
import { login } from '../src/wallet/flows/login.ts';
import { signIn } from '../src/wallet/flows/signIn.ts';
import { newLoginKeys } from '../src/wallet/loginKeys.ts';
import { createNetworkBackend } from '../src/wallet/networkBackend.ts';
import { startDelayProxy } from './lib/delayProxy.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const RUNS = quick ? 8 : 30;
const USERS = quick ? 2 : 6;
const DELAY = 50;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (x: number) => Math.round(x * 100) / 100;

async function measure(nodes: number, threshold: number, portOffset: number) {
  const dir = mkdtempSync(join(tmpdir(), 'trine-bench-login-'));
  const stack = await startStack({
    dir,
    nodes,
    threshold,
    portOffset,
    services: ['oidc', 'nodes', 'metadata'],
  });
  try {
    const loginAs = async (account: string): Promise<Login> => {
      const { session, candidate, nonce } = await newLoginKeys();
      const idToken = await devLogin({
        issuer: stack.urls.issuer,
        clientId: stack.clientId,
        redirectUri: stack.urls.oidcCallback,
        account,
        nonce,
      });
      return { verifier: stack.network.verifiers[0]!.name, idToken, session, candidate };
    };
    const direct = createNetworkBackend(stack.network);
    // Several users, taken in turn: the nodes limit each identity to 2 logins/s (burst 20),
    // and a full run makes more logins than that in a row.
    const users: { account: string; proof: { kind: 'key'; factorKey: Uint8Array } }[] = [];
    for (let u = 0; u < USERS; u++) {
      const device = generateDeviceKey();
      const account = `test-bench-${nodes}-${u}-${Date.now().toString(36)}`;
      await signIn({
        backend: direct,
        login: await loginAs(account),
        enrol: () => [{ type: 'device', factorKey: device, label: 'bench' }],
      });
      users.push({ account, proof: { kind: 'key' as const, factorKey: device } });
    }
    const { account, proof } = users[0]!;

    const timeLogins = async (backend = direct) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const user = users[i % users.length]!;
        const creds = await loginAs(user.account);
        const started = performance.now();
        await login({ backend, login: creds, proof: user.proof });
        if (i >= 2) times.push(performance.now() - started); // two warm-up logins
      }
      return median(times);
    };
    const ms0 = await timeLogins();

    const proxies = await Promise.all(
      [...stack.network.nodes.map((n) => n.url), stack.network.metadata.url].map((u) =>
        startDelayProxy(u, DELAY),
      ),
    );
    const delayed: NetworkConfig = {
      ...stack.network,
      nodes: stack.network.nodes.map((n, i) => ({ ...n, url: proxies[i]!.url })),
      metadata: { ...stack.network.metadata, url: proxies[proxies.length - 1]!.url },
    };
    const ms50 = await timeLogins(createNetworkBackend(delayed));
    await Promise.all(proxies.map((p) => p.close()));

    // Client CPU: record one login's answers, then replay them with no network at all.
    let cryptoMs: number;
    {
      const creds = await loginAs(account);
      const recorded = new Map<string, string>();
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (input, init) => {
        const res = await realFetch(input, init);
        const text = await res.text();
        recorded.set(String(input), text);
        return new Response(text, { status: res.status, headers: res.headers });
      };
      await login({ backend: direct, login: creds, proof });
      globalThis.fetch = async (input) =>
        new Response(recorded.get(String(input)) ?? '', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      const cpu: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        const before = process.cpuUsage();
        await login({ backend: direct, login: creds, proof });
        const used = process.cpuUsage(before);
        if (i >= 3) cpu.push((used.user + used.system) / 1000);
      }
      globalThis.fetch = realFetch;
      cryptoMs = median(cpu);
    }
    return { ms0, ms50, cryptoMs };
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const n5 = await measure(5, 3, 12_000);
const n18 = await measure(18, 10, 12_100);
console.info(
  `login N=5:  ${n5.ms0.toFixed(1)} ms direct, ${n5.ms50.toFixed(1)} ms with ${DELAY} ms per hop (ideal ${2 * DELAY} ms)`,
);
console.info(
  `login N=18: ${n18.ms0.toFixed(1)} ms direct, ${n18.ms50.toFixed(1)} ms with ${DELAY} ms per hop (ideal ${2 * DELAY} ms)`,
);
console.info(
  `client CPU per login (replayed answers): N=5 ${n5.cryptoMs.toFixed(2)} ms, N=18 ${n18.cryptoMs.toFixed(2)} ms`,
);
console.info(
  JSON.stringify({
    'login.n5_ms_0': round(n5.ms0),
    'login.n5_ms_50': round(n5.ms50),
    'login.n18_ms_0': round(n18.ms0),
    'login.n18_ms_50': round(n18.ms50),
    'login.ideal_ms_50': 2 * DELAY,
    'login.client_crypto_ms_n5': round(n5.cryptoMs),
    'login.client_crypto_ms_n18': round(n18.cryptoMs),
  }),
);
