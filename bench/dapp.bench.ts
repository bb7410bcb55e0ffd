/**
 * dApp path: the round trip of `eth_chainId` from a web page through the in-page provider,
 * the content script and the service worker and back (real Chromium with the benches' build);
 * signing time without the approval (the background's own signer: viem's account on an
 * EIP-1559 transaction and an EIP-191 message, in Node's V8); the in-page bundle's gzip size.
 * The extension is the benches' own build, dist-bench/chrome (lib/extension.ts builds it when stale).
 * Contract: scripts/bench.mjs.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { PreparedTransaction } from '../src/extension/dapp/tx/build.ts';
import { signTransaction } from '../src/extension/dapp/tx/sign.ts';
import { startPageServer } from '../test/e2e/pageServer.ts';
import { ensureBenchExtension, launchBenchExtension } from './lib/extension.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const inpage = join(ensureBenchExtension(), 'inpage.js');

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

// 1. Round trip page → worker → page.
const rounds = quick ? 300 : 3000;
const site = await startPageServer({ '/': '<!doctype html><title>bench</title>' });
const launched = await launchBenchExtension();
let rtt: number[];
try {
  const page = await launched.context.newPage();
  await page.goto(site.url);
  rtt = await page.evaluate(async (n) => {
    const ethereum = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum;
    for (let i = 0; i < 50; i++) await ethereum.request({ method: 'eth_chainId' }); // warm-up
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await ethereum.request({ method: 'eth_chainId' });
      times.push(performance.now() - t);
    }
    return times;
  }, rounds);
} finally {
  await launched.close();
  await site.close();
}
rtt.sort((a, b) => a - b);
console.info(
  `eth_chainId round trip over ${rounds}: p50 ${quantile(rtt, 0.5).toFixed(2)} ms, p99 ${quantile(rtt, 0.99).toFixed(2)} ms`,
);

// 2. Signing, as the background does after approval (key → viem account → signature).
const key = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const;
const tx: PreparedTransaction = {
  chainId: 31337,
  from: privateKeyToAccount(key).address,
  to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  value: parseEther('1'),
  data: '0x',
  gas: 21_000n,
  fees: { type: 'eip1559', maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n },
  nonce: null,
};
const signs = quick ? 100 : 1000;
for (let i = 0; i < 20; i++) await signTransaction(key, tx, i);
const txTimes: number[] = [];
const msgTimes: number[] = [];
for (let i = 0; i < signs; i++) {
  let t = performance.now();
  await signTransaction(key, tx, i);
  txTimes.push(performance.now() - t);
  t = performance.now();
  await privateKeyToAccount(key).signMessage({ message: `message ${i}` });
  msgTimes.push(performance.now() - t);
}
txTimes.sort((a, b) => a - b);
msgTimes.sort((a, b) => a - b);
console.info(
  `sign over ${signs}: transaction p50 ${quantile(txTimes, 0.5).toFixed(2)} ms, message p50 ${quantile(msgTimes, 0.5).toFixed(2)} ms`,
);

// 3. The in-page provider every page loads.
const gz = gzipSync(readFileSync(inpage)).length;
console.info(`inpage.js: ${readFileSync(inpage).length} bytes, ${gz} gzipped`);

process.stdout.write(
  `${JSON.stringify({
    'dapp.rpc_roundtrip_p50_ms': round(quantile(rtt, 0.5)),
    'dapp.rpc_roundtrip_p99_ms': round(quantile(rtt, 0.99)),
    'dapp.sign_ms': round(quantile(txTimes, 0.5)),
    'ext.inpage_gz_bytes': gz,
  })}\n`,
);
