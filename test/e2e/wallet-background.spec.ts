/**
 * The wallet service in Chromium's real service worker, driven by the wallet procedures
 * an extension page sends (as the popup does), against the real local stack:
 *  - sign-in through chrome.identity.launchWebAuthFlow at the development provider (its
 *    login page, an account button clicked), registration with a device key and a recovery
 *    phrase, lock, sign-in again → unlocked by the device key;
 *  - the worker stopped through CDP while unlocked → still unlocked, same address; after
 *    lock → signed out, also across another stop;
 *  - afterwards no k, m, share or known factor key, in hex, base64, base64url or decimal,
 *    in the profile directory, IndexedDB, storage.local or storage.sync. The test knows
 *    the secrets without any hook: it chose an imported factor key, got the recovery
 *    phrase, exported k with a factor proof, and opens two factor shares of the cached
 *    record itself (which gives m and every share). The device key it cannot know; its
 *    IndexedDB entry is checked to be wrapped under a non-extractable key.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { factorKeyFromPhrase } from '../../src/crypto/factors/phrase.ts';
import { scalarToBytes } from '../../src/crypto/scalar.ts';
import type { WalletMessage } from '../../src/messages/wallet.ts';
import type { MetadataRecord } from '../../src/protocol/formats.ts';
import { openFactorShare } from '../../src/wallet/factorShare.ts';
import { materialFromShares, shareAt } from '../../src/wallet/material.ts';
import { launchWithExtension } from './browser.ts';
import { expect, pinnedExtensionId, test } from './fixtures.ts';
import { stopServiceWorker } from './helpers/worker.ts';

test.use({ stackServices: ['oidc', 'chain', 'nodes', 'metadata'] });
test.setTimeout(180_000);

type Reply = { ok: boolean; state?: string; address?: string; [k: string]: unknown };

const call = (page: Page, message: WalletMessage): Promise<Reply> =>
  page.evaluate((m) => chrome.runtime.sendMessage(m), message);

/**
 * `wallet-sign-in` from the page; when the provider's login page shows (a launchWebAuthFlow
 * window), pick the account. A provider session from before makes it redirect at once.
 */
async function signIn(context: BrowserContext, page: Page, issuer: string, account: string): Promise<Reply> {
  const reply = call(page, { type: 'wallet-sign-in', interactive: true });
  const loginPage = (async () => {
    for (;;) {
      const found = context.pages().find((p) => p.url().startsWith(`${issuer}/interaction/`));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const first = await Promise.race([reply, loginPage]);
  if ('ok' in first) return first as Reply;
  const login = first as Page;
  const button = login.locator('button[data-account="alice"]');
  // The real login page and button, signing in a throw-away identity (test-<name>) so the
  // wallet is new on every run and no other test's wallet is touched.
  await button.evaluate((b, id) => {
    (b as HTMLButtonElement).value = id;
  }, account);
  await button.click();
  return reply;
}

/** Every value of the extension's IndexedDB, storage.local and storage.sync, as JSON text. */
function dumpStorage(page: Page) {
  return page.evaluate(async () => {
    const request = indexedDB.open('trine');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const all = db.transaction(name).objectStore(name).getAll();
      stores[name] = await new Promise<unknown[]>((resolve, reject) => {
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
    }
    db.close();
    const hex = (u: Uint8Array) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
    const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
    const json = (value: unknown) =>
      JSON.stringify(value, (_k, v) => {
        if (v instanceof Uint8Array) return { hex: hex(v), base64: b64(v) };
        if (v instanceof ArrayBuffer) return { hex: hex(new Uint8Array(v)), base64: b64(new Uint8Array(v)) };
        if (v instanceof CryptoKey) return { cryptoKey: v.algorithm.name, extractable: v.extractable };
        return v;
      });
    return {
      indexedDb: json(stores),
      records: stores.records as { record: unknown }[],
      deviceKeys: stores.deviceKeys as { wrappingKey: CryptoKey }[],
      deviceKeysExtractable: (stores.deviceKeys as { wrappingKey: CryptoKey }[]).map(
        (d) => d.wrappingKey.extractable,
      ),
      local: json(await chrome.storage.local.get(null)),
      sync: json(await chrome.storage.sync.get(null)),
    };
  });
}

/** A 32-byte secret in every text form it could be written in, plus its raw bytes. */
function encodings(bytes: Uint8Array): { text: string[]; raw: Buffer } {
  const hex = toHex(bytes);
  const b64 = Buffer.from(bytes).toString('base64');
  return {
    text: [
      hex,
      hex.toUpperCase(),
      b64,
      b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
      BigInt(`0x${hex}`).toString(10),
    ],
    raw: Buffer.from(bytes),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() && statSync(path).size < 64 * 1024 * 1024 ? [path] : [];
  });
}

/** Files of the profile that contain `needle` as latin-1/UTF-8, UTF-16LE, or raw bytes. */
function profileFilesContaining(files: string[], needle: { text: string[]; raw?: Buffer }): string[] {
  const patterns = [
    ...needle.text.flatMap((t) => [Buffer.from(t, 'latin1'), Buffer.from(t, 'utf16le')]),
    ...(needle.raw ? [needle.raw] : []),
  ];
  return files.filter((file) => {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return false; // removed while we looked (lock files, journals)
    }
    return patterns.some((p) => data.includes(p));
  });
}

test('sign in, register, lock, unlock by device key, survive a worker stop, leave no secret behind', async ({
  stack,
}) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'trine-wallet-bg-'));
  const account = `test-wallet-bg-${Date.now().toString(36)}`;
  let launched = await launchWithExtension({ userDataDir });
  try {
    const page = await launched.context.newPage();
    await page.goto(`chrome-extension://${pinnedExtensionId}/popup.html`);
    expect(await call(page, { type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });

    // 1. First sign-in: the nodes do not know this identity.
    const first = await signIn(launched.context, page, stack.urls.issuer, account);
    expect(first).toMatchObject({ ok: true, state: 'needs-registration', email: `${account}@trine.local` });

    // 2. A new wallet with a device key and a recovery phrase; then an imported key we choose.
    const registered = await call(page, {
      type: 'wallet-register',
      first: { type: 'device', label: 'This browser' },
      withRecoveryPhrase: true,
    });
    expect(registered).toMatchObject({ ok: true, state: 'unlocked', autoLockMinutes: 15 });
    const address = registered.address as string;
    const phrase = registered.recoveryPhrase as string;
    expect(phrase.split(' ')).toHaveLength(24);
    const importedKey = toHex(crypto.getRandomValues(new Uint8Array(32)));
    const added = await call(page, {
      type: 'wallet-add-factor',
      factor: { type: 'imported', key: importedKey, label: 'Test key' },
    });
    expect((added.factors as { type: string }[]).map((f) => f.type)).toEqual([
      'device',
      'phrase',
      'imported',
    ]);
    const exported = await call(page, { type: 'wallet-export-key', proof: { type: 'phrase', phrase } });
    const k = (exported.privateKey as string).slice(2);
    expect(await call(page, { type: 'wallet-balance' })).toEqual({
      ok: true,
      chainId: '0x7a69',
      wei: '0',
      symbol: 'ETH',
    });

    // 3. Lock, then sign in again: this browser's device key unlocks without asking.
    expect(await call(page, { type: 'wallet-lock' })).toEqual({ ok: true, state: 'signed-out' });
    expect(await call(page, { type: 'wallet-factors' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progress: string[] }).progress = seen;
      chrome.runtime.onMessage.addListener((m: { type?: string; text?: string }) => {
        if (m.type === 'wallet-progress' && m.text) seen.push(m.text);
      });
    });
    const again = await signIn(launched.context, page, stack.urls.issuer, account);
    expect(again).toMatchObject({ ok: true, state: 'unlocked', address });
    // The page heard the long steps as they happened.
    const progress = await page.evaluate(() => (window as unknown as { progress: string[] }).progress);
    expect(progress).toEqual(expect.arrayContaining(['Reading your wallet record', 'Done']));
    expect(progress.some((text) => /^Nodes answered [345]\/5$/.test(text))).toBe(true);

    // 4. The worker stopped while unlocked: the next request finds the wallet unlocked.
    const stopWorker = () => stopServiceWorker(launched.context, page);
    await stopWorker();
    expect(await call(page, { type: 'wallet-status' })).toMatchObject({
      ok: true,
      state: 'unlocked',
      address,
    });
    expect(await call(page, { type: 'wallet-lock' })).toEqual({ ok: true, state: 'signed-out' });
    await stopWorker();
    expect(await call(page, { type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });

    // 5. The secrets, from what the test knows: two factor shares of the cached record.
    const stored = await dumpStorage(page);
    const record = stored.records[0]!.record as MetadataRecord;
    const phraseKey = factorKeyFromPhrase(phrase);
    const open = (type: string, key: Uint8Array) => {
      const entry = record.factors.find((f) => f.type === type)!;
      return {
        index: entry.index,
        pair: openFactorShare(record.P, record.epoch, entry.index, entry.pub, entry.sealed, key),
      };
    };
    const a = open('phrase', phraseKey);
    const b = open('imported', fromHex(importedKey, 32));
    const material = materialFromShares(a.index, a.pair, b.index, b.pair);
    expect(toHex(scalarToBytes(material.k))).toBe(k);
    const scalars: [string, bigint][] = [
      ['k', material.k],
      ['m', material.m],
      ['a1', material.a1],
      ['b1', material.b1],
      ...[1, ...record.factors.map((f) => f.index)].flatMap((i): [string, bigint][] => [
        [`f(${i})`, shareAt(material, i).f],
        [`g(${i})`, shareAt(material, i).g],
      ]),
    ];
    const secrets = [
      ...scalars.map(([name, s]) => ({ name, ...encodings(scalarToBytes(s)) })),
      { name: 'phrase factor key', ...encodings(phraseKey) },
      { name: 'imported factor key', ...encodings(fromHex(importedKey, 32)) },
      { name: 'recovery phrase', text: [phrase], raw: Buffer.from(phrase) },
    ];

    // The device key is kept wrapped, under a key that cannot be exported.
    expect(stored.deviceKeysExtractable).toEqual([false]);
    // Positive control: the scan sees what is stored (the record's pseudonym is there).
    expect(stored.indexedDb).toContain(record.P);
    for (const secret of secrets)
      for (const [where, text] of [
        ['IndexedDB', stored.indexedDb],
        ['storage.local', stored.local],
        ['storage.sync', stored.sync],
      ] as const)
        for (const form of secret.text) expect(text.includes(form), `${secret.name} in ${where}`).toBe(false);

    // 6. The profile directory, after the browser has written everything and closed.
    await launched.context.close();
    const files = filesUnder(userDataDir);
    expect(profileFilesContaining(files, { text: [record.P] }).length, 'control: P on disk').toBeGreaterThan(
      0,
    );
    for (const secret of secrets)
      expect(profileFilesContaining(files, secret), `${secret.name} in the profile directory`).toEqual([]);

    // 7. A new browser session on the same profile: storage.session is gone, so locked.
    launched = await launchWithExtension({ userDataDir });
    const reopened = await launched.context.newPage();
    await reopened.goto(`chrome-extension://${pinnedExtensionId}/popup.html`);
    expect(await call(reopened, { type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
  } finally {
    await launched.context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
