/**
 * Locking the wallet under a connected site: the site's page is told (`accountsChanged` →
 * []), sees no accounts, and a signing request fails at once with 4100 and
 * `data.reason = 'locked'` (the decision in docs/DAPPS.md); the permission itself stays.
 */
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { unlockedWallet } from './helpers/unlock.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import type { WindowWithEthereum } from './types.ts';

type Recorder = Window & WindowWithEthereum & { seen: { event: string; data: unknown }[] };

let site: PageServer;
test.beforeAll(async () => {
  site = await startPageServer({ '/': '<!doctype html><title>Lock test</title><h1>Lock test</h1>' });
});
test.afterAll(async () => site?.close());

test('a connected site learns of the lock and gets 4100 (locked) for signing', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  const { address, extensionPage } = await unlockedWallet(context, openExtensionPage, 'lock');
  const page = await context.newPage();
  await page.goto(site.url);
  await page.evaluate(() => {
    const w = window as unknown as Recorder;
    w.seen = [];
    w.ethereum!.on('accountsChanged', (data) => w.seen.push({ event: 'accountsChanged', data }));
  });
  const request = (method: string, params?: unknown[]) =>
    page.evaluate(
      ({ method, params }) =>
        (window as unknown as Recorder)
          .ethereum!.request(params === undefined ? { method } : { method, params })
          .then(
            (result) => ({ result }),
            (e: { code: number; data?: unknown }) => ({ code: e.code, data: e.data }),
          ),
      { method, params },
    );

  expect(await withApproval(context, () => request('eth_requestAccounts'), press('Connect'))).toEqual({
    result: [address.toLowerCase()], // lower case, as MetaMask answers
  });
  await extensionPage.evaluate(() => chrome.runtime.sendMessage({ type: 'wallet-lock' }));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Recorder).seen.at(-1)))
    .toEqual({
      event: 'accountsChanged',
      data: [],
    });
  expect(await request('eth_accounts')).toEqual({ result: [] });
  expect(await request('personal_sign', ['0x6869', address])).toEqual({
    code: 4100,
    data: { reason: 'locked' },
  });
  expect(await request('eth_requestAccounts')).toEqual({ code: 4100, data: { reason: 'locked' } });
  // Still connected: the grant outlives the lock.
  expect(await request('wallet_getPermissions')).toMatchObject({ result: [{ invoker: site.url }] });
});
