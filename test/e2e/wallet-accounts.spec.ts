/**
 * Accounts and Receive in Chromium against the real stack (issue 12): a second account is
 * added from the popup (a record write), renamed (a bad name refused, nothing changed),
 * selected; a site granted only account 0 learns nothing of it (`accountsChanged []`,
 * `eth_accounts []`, 4100 for signing); a site granted account 1 gets a personal_sign that
 * recovers to account 1's address; a fresh load of the list (from the record) still has it.
 * Receive shows the checksummed address and a QR code whose rendered pixels decode
 * (jsQR) to that address. Screenshots light and dark under test-results/screens/.
 */
import jsQR from 'jsqr';
import { getAddress, isAddressEqual, verifyMessage } from 'viem';
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { unlockedWallet } from './helpers/unlock.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import type { WindowWithEthereum } from './types.ts';
import { openPopup, screenshot } from './wallet-ui.ts';

type Recorder = Window & WindowWithEthereum & { seen: unknown[][] };

let siteA: PageServer;
let siteB: PageServer;
test.beforeAll(async () => {
  siteA = await startPageServer({ '/': '<!doctype html><title>Site A</title><h1>Site A</h1>' });
  siteB = await startPageServer({ '/': '<!doctype html><title>Site B</title><h1>Site B</h1>' });
});
test.afterAll(async () => {
  await siteA?.close();
  await siteB?.close();
});

test('a second account signs for the site granted it; a site granted account 0 never learns it; Receive shows a QR of the address', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const { address: account0 } = await unlockedWallet(context, openExtensionPage, 'accounts');

  // Site A connects while account 0 is selected.
  const pageA = await context.newPage();
  await pageA.goto(siteA.url);
  await pageA.evaluate(() => {
    const w = window as unknown as Recorder;
    w.seen = [];
    w.ethereum!.on('accountsChanged', (data) => w.seen.push(data as unknown[]));
  });
  const requestOn = (page: typeof pageA) => (method: string, params?: unknown[]) =>
    page.evaluate(
      ({ method, params }) =>
        (window as unknown as Recorder)
          .ethereum!.request(params === undefined ? { method } : { method, params })
          .then(
            (result) => ({ result }),
            (e: { code: number }) => ({ code: e.code }),
          ),
      { method, params },
    );
  const requestA = requestOn(pageA);
  expect(await withApproval(context, () => requestA('eth_requestAccounts'), press('Connect'))).toEqual({
    result: [account0.toLowerCase()],
  });

  // The popup: Home names the account; Accounts lists account 0 only.
  const popup = await openPopup(openExtensionPage);
  await expect(popup.getByTestId('account-name')).toHaveText('Account 1');
  await expect(popup.getByTestId('address')).toHaveText(account0);
  await popup.getByRole('button', { name: 'Accounts' }).click();
  const rows = popup.getByRole('list', { name: 'Accounts of this wallet' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await popup.getByRole('button', { name: 'Add account' }).click();
  await expect(rows).toHaveCount(2);
  const second = rows.nth(1);
  await expect(second).toContainText('Account 2');
  const account1 = getAddress((await second.locator('.account-address').textContent()) ?? '');
  expect(isAddressEqual(account1, account0)).toBe(false);

  // Rename: a blank name is refused with its reason and changes nothing; a real one is kept.
  await popup.getByRole('button', { name: 'Rename Account 2' }).click();
  await popup.getByLabel('New name for Account 2').fill('   ');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(popup.getByRole('alert')).toContainText(/name/i);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(second).toContainText('Account 2');
  await popup.getByRole('button', { name: 'Rename Account 2' }).click();
  await popup.getByLabel('New name for Account 2').fill('Savings');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect(second).toContainText('Savings');
  await expect(popup.getByRole('alert')).toHaveCount(0);

  // Switch to it.
  await popup.getByRole('button', { name: 'Use Savings' }).click();
  await expect(second).toContainText('in use');
  await screenshot(popup, 'popup-accounts');

  // Site A (granted account 0 only) is told [] and never sees account 1.
  await expect.poll(() => pageA.evaluate(() => (window as unknown as Recorder).seen.at(-1))).toEqual([]);
  expect(await requestA('eth_accounts')).toEqual({ result: [] });
  expect(await requestA('eth_coinbase')).toEqual({ result: null });
  expect(await requestA('personal_sign', ['0x6869', account0])).toMatchObject({ code: 4100 });
  const seenByA = JSON.stringify(await pageA.evaluate(() => (window as unknown as Recorder).seen));
  expect(seenByA.toLowerCase()).not.toContain(account1.toLowerCase().slice(2));

  // Site B connects with account 1 and gets a personal_sign by account 1's key.
  const pageB = await context.newPage();
  await pageB.goto(siteB.url);
  const requestB = requestOn(pageB);
  const connected = await withApproval(
    context,
    () => requestB('eth_requestAccounts'),
    async (window) => {
      await expect(window.getByText(account1)).toBeVisible();
      await press('Connect')(window);
    },
  );
  expect(connected).toEqual({ result: [account1.toLowerCase()] });
  const message = 'Sign in to Site B as account 1';
  const messageHex = `0x${Buffer.from(message).toString('hex')}`;
  const signed = (await withApproval(
    context,
    () => requestB('personal_sign', [messageHex, account1.toLowerCase()]),
    press('Sign'),
  )) as { result: `0x${string}` };
  expect(await verifyMessage({ address: account1, message, signature: signed.result })).toBe(true);
  expect(await verifyMessage({ address: account0, message, signature: signed.result })).toBe(false);

  // Back on account 0: site A sees it again, site B (granted only account 1) gets [].
  await popup.getByRole('button', { name: 'Use Account 1' }).click();
  await expect
    .poll(() => pageA.evaluate(() => (window as unknown as Recorder).seen.at(-1)))
    .toEqual([account0.toLowerCase()]);
  expect(await requestB('eth_accounts')).toEqual({ result: [] });

  // The list comes from the record: a fresh popup shows the same names.
  await popup.reload();
  await popup.getByRole('button', { name: 'Accounts' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Savings');
  await popup.getByRole('button', { name: 'Use Savings' }).click();
  await popup.getByRole('button', { name: 'Back' }).click();
  await expect(popup.getByTestId('account-name')).toHaveText('Savings');
  await expect(popup.getByTestId('address')).toHaveText(account1);
  await screenshot(popup, 'popup-home-account');

  // Receive: the checksummed address, and a QR code that decodes to it.
  await popup.getByRole('button', { name: 'Receive' }).click();
  await expect(popup.getByRole('heading', { name: 'Receive' })).toBeVisible();
  await expect(popup.getByTestId('address')).toHaveText(account1);
  const qr = popup.getByRole('img', { name: `QR code of the address ${account1}` });
  await expect(qr).toBeVisible();
  await screenshot(popup, 'popup-receive');
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    const png = await qr.screenshot();
    // The rendered pixels, read back through a canvas, decoded by an independent reader.
    const pixels = await popup.evaluate(async (b64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(image, 0, 0);
      const data = g.getImageData(0, 0, image.width, image.height);
      return { width: data.width, height: data.height, data: Array.from(data.data) };
    }, png.toString('base64'));
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    expect(decoded?.data, `QR decodes in ${scheme}`).toBe(account1);
  }
  await popup.emulateMedia({ colorScheme: 'light' });
});

test('account procedures refuse bad input and change nothing', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  const { extensionPage } = await unlockedWallet(context, openExtensionPage, 'accounts-bad');
  const send = (m: unknown) => extensionPage.evaluate((message) => chrome.runtime.sendMessage(message), m);
  const before = await send({ type: 'wallet-accounts' });
  expect(before).toMatchObject({ ok: true, accounts: [{ index: 0, name: 'Account 1', selected: true }] });
  expect(await send({ type: 'wallet-select-account', index: 3 })).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', message: 'index: the wallet has no account 3' },
  });
  expect(await send({ type: 'wallet-select-account', index: -1 })).toMatchObject({
    ok: false,
    error: { code: 'invalid-input' },
  });
  expect(await send({ type: 'wallet-rename-account', index: 0, name: 'x'.repeat(41) })).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', message: 'name: an account name has 1 to 40 characters' },
  });
  expect(await send({ type: 'wallet-rename-account', index: 2, name: 'Two' })).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', message: 'index: the wallet has no account 2' },
  });
  expect(await send({ type: 'wallet-accounts' })).toEqual(before);
});
