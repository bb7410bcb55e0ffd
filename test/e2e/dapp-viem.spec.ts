/**
 * A dApp written with viem finds Trine through EIP-6963 and uses it like any wallet, on the
 * real local chain: connect (rejected, then approved), personal_sign and typed data v4
 * verified with viem's own verification, a Sign-In with Ethereum message for another domain
 * flagged, ETH sent and mined from the wallet's address, a chain added and switched back,
 * closing the approval window rejects with 4001, an unconnected origin gets 4100.
 */
import { parseEther } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { type Anvil, startAnvil } from '../unit/dapp/anvil.ts';
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { dappPage } from './helpers/dapp/bundle.ts';
import type { ViemDapp } from './helpers/dapp/viemDapp.ts';
import { fund, unlockedWallet } from './helpers/unlock.ts';
import { type PageServer, startPageServer } from './pageServer.ts';

type Win = Window & { dapp: ViemDapp };
const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

let siteA: PageServer;
let siteB: PageServer;
let second: Anvil;
test.beforeAll(async () => {
  const html = await dappPage('viemDapp', 'viem test dApp');
  [siteA, siteB, second] = await Promise.all([
    startPageServer({ '/': html }),
    startPageServer({ '/': html }),
    startAnvil({ chainId: 1337 }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([siteA?.close(), siteB?.close(), second?.stop()]);
});

test('a viem dApp connects, signs, sends, switches chains; rejections are 4001 and strangers 4100', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const { address } = await unlockedWallet(context, openExtensionPage, 'viem');
  await fund(stack.urls.chain, address, parseEther('10'));

  const page = await context.newPage();
  await page.goto(siteA.url);
  const dapp = <K extends keyof ViemDapp>(name: K, ...args: unknown[]) =>
    page.evaluate(({ name, args }) => (window as unknown as Win).dapp.attempt(name, ...args), { name, args });

  expect(await page.evaluate(() => (window as unknown as Win).dapp.discover())).toMatchObject({
    name: 'Trine',
    rdns: 'io.trinewallet',
  });
  // Not connected yet: no accounts, and signing is 4100.
  expect(await dapp('accounts')).toEqual({ ok: [] });
  expect(
    await page.evaluate(
      (a) => (window as unknown as Win).dapp.errorOf('personal_sign', ['0x6869', a]),
      address,
    ),
  ).toMatchObject({
    code: 4100,
  });

  // The user rejects the first connection request, approves the second.
  const rejected = await withApproval(
    context,
    () => dapp('connect'),
    async (window) => {
      await expect(window.getByTestId('origin')).toHaveText(siteA.url);
      await expect(window.getByRole('heading', { name: 'Connect to this site?' })).toBeVisible();
      await window.screenshot({ path: 'test-results/screens/approval-connect.png' });
      await press('Reject')(window);
    },
  );
  expect(rejected).toMatchObject({ error: { code: 4001 } });
  expect(await withApproval(context, () => dapp('connect'), press('Connect'))).toEqual({ ok: [address] });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Win).dapp.events))
    .toContainEqual({
      event: 'accountsChanged',
      data: [address.toLowerCase()], // as MetaMask sends it (viem checksums what it hands the dApp)
    });

  // personal_sign, verified by viem.
  const signed = await withApproval(
    context,
    () => dapp('signMessage', 'Hello from viem'),
    async (window) => {
      await expect(window.getByTestId('message')).toHaveText('Hello from viem');
      await press('Sign')(window);
    },
  );
  expect(signed).toMatchObject({ ok: { valid: true } });

  // Sign-In with Ethereum for another site: the window warns before anything is signed.
  const siwe = createSiweMessage({
    address,
    chainId: 31337,
    domain: 'bank.example',
    nonce: 'abcdef123456',
    uri: 'https://bank.example/login',
    version: '1',
    issuedAt: new Date(),
  });
  const phished = await withApproval(
    context,
    () => dapp('signMessage', siwe),
    async (window) => {
      await expect(window.getByRole('heading', { name: 'Sign in with Ethereum' })).toBeVisible();
      await expect(window.getByRole('alert')).toContainText(
        `Domain mismatch: the message signs you in to "bank.example", but the request comes from ${siteA.url}`,
      );
      await window.screenshot({ path: 'test-results/screens/approval-siwe-mismatch.png' });
      await press('Reject')(window);
    },
  );
  expect(phished).toMatchObject({ error: { code: 4001 } });

  // Typed data v4, shown as a tree with the verifying contract and chain; verified by viem.
  const typed = await withApproval(
    context,
    () => dapp('signTypedData'),
    async (window) => {
      await expect(window.getByText('Verifying contract')).toBeVisible();
      await expect(window.getByText('Hello, Bob!')).toBeVisible();
      await expect(window.getByText('31337', { exact: true })).toBeVisible();
      await window.screenshot({ path: 'test-results/screens/approval-typed-data.png' });
      await press('Sign')(window);
    },
  );
  expect(typed).toMatchObject({ ok: { valid: true } });

  // Send 1.25 ETH; the window shows amount and total; the receipt names our address.
  const sent = await withApproval(
    context,
    () => dapp('sendEth', recipient, parseEther('1.25').toString()),
    async (window) => {
      await expect(window.getByText('1.25 ETH', { exact: true })).toBeVisible();
      await expect(window.getByTestId('total')).toContainText('ETH');
      await window.screenshot({ path: 'test-results/screens/approval-transaction.png' });
      await press('Send')(window);
    },
  );
  expect(sent).toMatchObject({
    ok: {
      from: address.toLowerCase(),
      to: recipient.toLowerCase(),
      status: 'success',
      value: parseEther('1.25').toString(),
    },
  });

  // Closing the approval window rejects with 4001.
  const closed = await withApproval(
    context,
    () => dapp('signMessage', 'never signed'),
    (window) => window.close(),
  );
  expect(closed).toMatchObject({ error: { code: 4001 } });

  // Add a second chain (switches to it), then switch back.
  await withApproval(
    context,
    () => dapp('addChain', 1337, second.url),
    async (window) => {
      await expect(window.getByRole('heading', { name: 'Add a network' })).toBeVisible();
      await expect(window.getByText(second.url)).toBeVisible();
      await press('Add and switch')(window);
    },
  );
  expect(await dapp('chainId')).toEqual({ ok: 1337 });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Win).dapp.events))
    .toContainEqual({
      event: 'chainChanged',
      data: '0x539',
    });
  expect(await withApproval(context, () => dapp('switchChain', 31337), press('Switch'))).not.toHaveProperty(
    'error',
  );
  expect(await dapp('chainId')).toEqual({ ok: 31337 });
  // A chain Trine does not know: 4902, viem's cue to add it.
  expect(
    await page.evaluate(() =>
      (window as unknown as Win).dapp.errorOf('wallet_switchEthereumChain', [{ chainId: '0x5' }]),
    ),
  ).toMatchObject({
    code: 4902,
  });

  // A second origin cannot use the first one's permission.
  const other = await context.newPage();
  await other.goto(siteB.url);
  const otherDapp = <K extends keyof ViemDapp>(name: K, ...args: unknown[]) =>
    other.evaluate(({ name, args }) => (window as unknown as Win).dapp.attempt(name, ...args), {
      name,
      args,
    });
  expect(await otherDapp('accounts')).toEqual({ ok: [] });
  expect(
    await other.evaluate(
      (a) => (window as unknown as Win).dapp.errorOf('personal_sign', ['0x6869', a]),
      address,
    ),
  ).toMatchObject({ code: 4100 });
  expect(
    await other.evaluate(
      ({ a, to }) =>
        (window as unknown as Win).dapp.errorOf('eth_sendTransaction', [{ from: a, to, value: '0x1' }]),
      { a: address, to: recipient },
    ),
  ).toMatchObject({ code: 4100 });
  expect(
    await other.evaluate(() => (window as unknown as Win).dapp.errorOf('wallet_getPermissions')),
  ).toBeNull();

  // The popup: the send is in the activity, confirmed from its receipt; the site is listed
  // under Connected sites, and disconnecting it tells its page.
  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.getByRole('button', { name: 'Activity' }).click();
  const sentItem = popup.locator('.list-item', { hasText: `Sent 1.25 ETH to ${recipient}` });
  await expect(sentItem).toContainText('confirmed');
  await popup.getByRole('button', { name: 'Sites' }).click();
  await expect(popup.getByRole('list', { name: 'Connected sites' })).toContainText(siteA.url);
  await expect(popup.getByRole('list', { name: 'Connected sites' })).not.toContainText(siteB.url);
  await popup.screenshot({ path: 'test-results/screens/popup-sites.png' });
  await popup.getByRole('button', { name: `Disconnect ${siteA.url}` }).click();
  await expect(popup.getByText('No site is connected.')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Win).dapp.events.at(-1)))
    .toEqual({
      event: 'accountsChanged',
      data: [],
    });
  expect(await dapp('accounts')).toEqual({ ok: [] });
});
