/**
 * The popup as a daily wallet opens it (issue 12): an unlocked wallet with 20 followed
 * ERC-20 tokens and 100 activity rows. `popup.first_render_ms` is the time from the popup's
 * navigation to Home showing all 20 tokens with their balances, read from a real chain
 * (one JSON-RPC batch); `popup.activity_render_ms` is the time from pressing Activity to
 * its 100 rows on screen. Goal: first render ≤ 150 ms.
 *
 * Set-up, all real but the unlock: 20 TestTokens deployed on an anvil listening where the
 * bench build's chain is (config/local.json's chain port + benchPortOffset), each minted to
 * the wallet; the tokens and 100 activity rows written into the extension's IndexedDB from
 * an extension page; the unlocked session (a valid record of a fresh wallet, built with the
 * wallet's own functions: bench/lib/metadataRows.ts) put in storage.session, where a
 * restarted worker takes it back as after any worker restart. No node or metadata server is
 * needed: nothing here signs in.
 *
 * Run: tsx bench/popup.bench.ts [--quick]   (builds dist-bench/chrome first when stale)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metadataSecretsPath, networkPath } from '../src/config/init-network.ts';
import { loadLocalConfig, repoRoot } from '../src/config/local.ts';
import { parseNetworkConfig } from '../src/config/network.ts';
import { fromHex, toHex } from '../src/crypto/bytes.ts';
import { scalarToBytes } from '../src/crypto/scalar.ts';
import { importEd25519Signer } from '../src/crypto/signature.ts';
import type { ActivityEntry, StoredToken } from '../src/extension/db.ts';
import { spawnService } from '../src/stack/process.ts';
import { anvilBinary } from '../src/stack/services.ts';
import { addressOf } from '../src/wallet/address.ts';
import { point } from '../src/wallet/material.ts';
import { extensionId } from '../test/e2e/browser.ts';
import { nodeSigners } from '../test/helpers/record.ts';
import { deployTestToken } from '../test/helpers/testToken.ts';
import {
  benchNetworkDir,
  benchPortOffset,
  ensureBenchExtension,
  launchBenchExtension,
} from './lib/extension.ts';
import { drawSharedWallet, validMetadataRow } from './lib/metadataRows.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const RUNS = quick ? 6 : 20;
const TOKENS = 20;
const ACTIVITY = 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

ensureBenchExtension();
const local = loadLocalConfig();
const chainId = `0x${local.chain.chainId.toString(16)}` as const;
const chainPort = local.chain.port + benchPortOffset;
const chain = await spawnService({
  name: 'bench-chain',
  command: anvilBinary(repoRoot),
  args: ['--host', '127.0.0.1', '--port', String(chainPort), '--chain-id', String(local.chain.chainId)],
  port: chainPort,
  readyLine: /Listening on/,
  logFile: join(repoRoot, 'test-results', 'bench-popup-anvil.log'),
});
const rpcUrl = `http://127.0.0.1:${chainPort}`;

try {
  // A fresh wallet whose record is valid (the worker checks k·G = K and opens the private part).
  const network = parseNetworkConfig(JSON.parse(readFileSync(networkPath(benchNetworkDir), 'utf8')));
  const metadataSecrets = JSON.parse(readFileSync(metadataSecretsPath(benchNetworkDir), 'utf8'));
  const receiptSigner = await importEd25519Signer(
    fromHex(metadataSecrets.signingKey, 32),
    fromHex(network.metadata.signingKey, 32),
  );
  const signers = new Map((await nodeSigners(benchNetworkDir, network)).map((s) => [s.index, s.signer]));
  const wallet = drawSharedWallet(network, receiptSigner, signers);
  const P = toHex(randomBytes(32));
  const row = await validMetadataRow(wallet, P);
  const record = JSON.parse(row.record);
  const hex = (s: bigint) => toHex(scalarToBytes(s));
  const { k, m, a1, b1 } = wallet.material;
  const unlocked = {
    session: {
      v: 1,
      k: hex(k),
      m: hex(m),
      a1: hex(a1),
      b1: hex(b1),
      version: 1,
      record,
      receipt: JSON.parse(row.receipt),
    },
    email: 'bench@example.test',
    factorPub: null,
    network: true,
    lockAt: Date.now() + 3_600_000,
  };
  const address = addressOf(point(record.tss.K, 'K'));

  // 20 real tokens, each with a balance for the wallet.
  const tokens: StoredToken[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const token = await deployTestToken(rpcUrl, { name: `Bench token ${i}`, symbol: `BT${i}`, decimals: 18 });
    await token.mint(address, BigInt(i + 1) * 10n ** 18n);
    tokens.push({
      id: `${chainId}:${token.address.toLowerCase()}`,
      chainId,
      address: token.address,
      symbol: `BT${i}`,
      decimals: 18,
      name: `Bench token ${i}`,
      image: null,
      addedAt: i,
    });
  }
  const activity: ActivityEntry[] = Array.from({ length: ACTIVITY }, (_, i) => ({
    id: `bench-${i}`,
    kind: i % 3 === 0 ? 'connect' : 'sign',
    origin: 'https://bench.example',
    chainId,
    hash: null,
    status: 'done',
    summary: `Bench activity ${i + 1}`,
    at: Date.now() - i * 60_000,
  }));

  const ext = await launchBenchExtension();
  try {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    // The worker opens (and upgrades) the database at its first wallet call.
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'wallet-chains' }));
    await page.evaluate(
      async ({ unlocked, tokens, activity }) => {
        await chrome.storage.session.set({ 'wallet-unlocked': unlocked });
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('trine');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction(['tokens', 'activity'], 'readwrite');
        for (const t of tokens) tx.objectStore('tokens').put(t);
        for (const a of activity) tx.objectStore('activity').put(a);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { unlocked, tokens, activity },
    );
    // A new worker takes the unlocked session back from storage.session.
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const status = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'wallet-status' }));
    if ((status as { state?: string }).state !== 'unlocked')
      throw new Error(`the seeded wallet is not unlocked: ${JSON.stringify(status)}`);
    await page.close();

    const first: number[] = [];
    const activityMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const p = await ext.context.newPage();
      await p.setViewportSize({ width: 360, height: 600 });
      await p.goto(`chrome-extension://${extensionId}/popup.html`);
      await p.waitForFunction(() => performance.getEntriesByName('trine:tokens-rendered').length > 0);
      const balances = await p.getByTestId('token-balance').count();
      if (balances !== TOKENS) throw new Error(`Home shows ${balances} token balances, not ${TOKENS}`);
      first.push(await p.evaluate(() => performance.getEntriesByName('trine:tokens-rendered')[0]!.startTime));
      const pressed = await p.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Activity')!;
        const t0 = performance.now();
        button.click();
        return t0;
      });
      const shown = await p.waitForFunction(
        (n) => {
          const rows = document.querySelectorAll('[aria-label="Activity"] > li').length;
          return rows >= n ? performance.now() : false;
        },
        ACTIVITY,
        { polling: 'raf' },
      );
      activityMs.push(((await shown.jsonValue()) as number) - pressed);
      await p.close();
    }
    const figures = {
      'popup.first_render_ms': round(median(first)),
      'popup.activity_render_ms': round(median(activityMs)),
    };
    console.info(
      `popup first render, ${TOKENS} tokens with balances on Home: ${figures['popup.first_render_ms']} ms (median of ${RUNS}; runs ${first.map(round).join(', ')})`,
    );
    console.info(
      `Activity with ${ACTIVITY} rows: ${figures['popup.activity_render_ms']} ms (median of ${RUNS}; checked each animation frame)`,
    );
    console.info(JSON.stringify(figures));
  } finally {
    await ext.close();
  }
} finally {
  await chain.stop();
}
