/**
 * 10 000 random and malformed provider requests from one page — wrong types, unknown and
 * malformed methods, oversized payloads, values that cannot be cloned, in bursts of
 * hundreds at once — each gets the error it should, nothing crashes, and the worker still
 * answers a normal request afterwards. No wallet or chain is needed: the page is not
 * connected and the wallet is locked, which decides the expected answers.
 */
import { expect, test } from './fixtures.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import type { WindowWithEthereum } from './types.ts';

const TOTAL = 10_000;
const BURST = 500;

let site: PageServer;
test.beforeAll(async () => {
  site = await startPageServer({ '/': '<!doctype html><title>Fuzz</title><h1>Fuzz</h1>' });
});
test.afterAll(async () => site?.close());

test('10 000 random or malformed requests: the right error for each, and the worker keeps answering', async ({
  context,
  serviceWorker,
}) => {
  test.setTimeout(300_000);
  const page = await context.newPage();
  await page.goto(site.url);
  const outcome = await page.evaluate(
    async ({ total, burst }) => {
      const ethereum = (window as WindowWithEthereum).ethereum!;
      // Seeded PRNG (mulberry32): a failure can be replayed.
      let seed = 0x7a69;
      const rand = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
      const junk = (): unknown =>
        pick([
          () => null,
          () => Math.floor(rand() * 1e9),
          () => rand() < 0.5,
          () => 'x'.repeat(Math.floor(rand() * 100)),
          () => ({ nested: { deeper: [1, 2, { x: 'y' }] } }),
          () => [junk(), junk()],
          () => '0x' + 'zz'.repeat(10),
          () => -1,
        ])();
      const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
      // Each case: the request, and the error code it must get (or 'ok:<value>').
      const cases: [() => unknown, number | string][] = [
        [() => ({ method: `eth_${Math.floor(rand() * 1e9).toString(36)}` }), 4200],
        [
          () => ({
            method: pick([
              'eth_sign',
              'eth_signTransaction',
              'eth_newPendingTransactionFilter',
              'wallet_scanQRCode',
              'debug_traceCall',
            ]),
          }),
          4200,
        ],
        [
          () => ({ method: pick(['', ' ', 'eth chainId', 'a'.repeat(200), 'eth_chainId\u0000', '../x']) }),
          -32600,
        ],
        [() => ({ method: pick([null, 42, true, {}, [], 1.5]) }), -32600],
        [() => ({ method: 'eth_chainId', params: pick(['str', 42, true]) }), -32600],
        [() => pick([null, undefined, 'eth_chainId', 7, []]), -32600],
        [() => ({ method: 'personal_sign', params: [junk(), junk()] }), -32602],
        [() => ({ method: 'personal_sign', params: [] }), -32602],
        [
          () => ({
            method: 'wallet_watchAsset',
            params: pick([
              () => [junk()],
              () => ({ type: junk() }),
              () => ({ type: 'ERC20', options: { address: junk() } }),
              () => ({ type: 'ERC721', options: { address } }),
            ])(),
          }),
          -32602,
        ],
        [
          () => ({
            method: 'eth_signTypedData_v4',
            params: [address, '{' + 'x'.repeat(Math.floor(rand() * 50))],
          }),
          -32602,
        ],
        [() => ({ method: 'eth_sendTransaction', params: [{ from: junk(), to: address }] }), -32602],
        [() => ({ method: 'eth_sendTransaction', params: [{ from: address, value: 'lots' }] }), -32602],
        [
          () => ({
            method: 'wallet_switchEthereumChain',
            params: [{ chainId: pick(['0x', '1', '0x-1', 'abc', '0x0']) }],
          }),
          -32602,
        ],
        [
          () => ({
            method: 'wallet_addEthereumChain',
            params: [{ chainId: '0x539', rpcUrls: ['javascript:alert(1)'] }],
          }),
          -32602,
        ],
        [() => ({ method: 'wallet_requestPermissions', params: [{ eth_coinbase: {} }] }), -32602],
        [() => ({ method: 'eth_getBalance', params: { address } }), -32602],
        [() => ({ method: 'personal_sign', params: ['0x6869', address] }), 4100],
        [() => ({ method: 'eth_sendTransaction', params: [{ from: address, to: address }] }), 4100],
        [() => ({ method: 'eth_requestAccounts' }), 4100],
        [() => ({ method: 'personal_sign', params: [() => 1, address] }), -32602],
        [() => ({ method: 'eth_accounts' }), 'ok:[]'],
        [() => ({ method: 'eth_chainId' }), 'ok:"0x7a69"'],
        [() => ({ method: 'net_version' }), 'ok:"31337"'],
      ];
      const huge = (): [() => unknown, number] => [
        () => ({ method: 'personal_sign', params: ['0x' + 'ab'.repeat(600_000), address] }),
        -32600,
      ];
      const wrong: string[] = [];
      const counts: Record<string, number> = {};
      for (let sent = 0; sent < total; sent += burst) {
        const batch = Array.from({ length: Math.min(burst, total - sent) }, (_, i) =>
          (sent + i) % 1000 === 999 ? huge() : pick(cases),
        );
        const answers = await Promise.all(
          batch.map(([make, expected]) => {
            const request = make();
            let pending: Promise<unknown>;
            try {
              pending = ethereum.request(request);
            } catch (e) {
              pending = Promise.reject(e);
            }
            return pending.then(
              (result) => ({ got: `ok:${JSON.stringify(result)}`, expected, request }),
              (error: { code?: unknown }) => ({ got: error?.code, expected, request }),
            );
          }),
        );
        for (const { got, expected, request } of answers) {
          counts[String(expected)] = (counts[String(expected)] ?? 0) + 1;
          if (got !== expected && wrong.length < 10)
            wrong.push(`${JSON.stringify(request)?.slice(0, 120)} → ${String(got)}, expected ${expected}`);
        }
      }
      return { wrong, counts };
    },
    { total: TOTAL, burst: BURST },
  );
  expect(outcome.wrong).toEqual([]);
  expect(Object.values(outcome.counts).reduce((a, b) => a + b, 0)).toBe(TOTAL);
  expect(outcome.counts['-32600']).toBeGreaterThan(100);
  expect(outcome.counts['4200']).toBeGreaterThan(100);
  expect(outcome.counts['-32602']).toBeGreaterThan(100);
  expect(outcome.counts['4100']).toBeGreaterThan(100);

  // Still the same worker, still answering.
  expect(context.serviceWorkers()).toContain(serviceWorker);
  expect(await serviceWorker.evaluate(() => 1 + 1)).toBe(2);
  const chainId = await page.evaluate(() =>
    (window as WindowWithEthereum).ethereum!.request({ method: 'eth_chainId' }),
  );
  expect(chainId).toBe('0x7a69');
});
