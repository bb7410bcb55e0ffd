/**
 * A dApp written for MetaMask with ethers v6 `BrowserProvider(window.ethereum)` works with
 * Trine unchanged: connect, personal_sign and typed data v4 recovered by ethers' own
 * verification, ETH sent and `tx.wait()`ed, a rejected request surfaces as 4001.
 */
import { parseEther } from 'viem';
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { dappPage } from './helpers/dapp/bundle.ts';
import type { EthersDapp } from './helpers/dapp/ethersDapp.ts';
import { fund, unlockedWallet } from './helpers/unlock.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import type { WindowWithEthereum } from './types.ts';

type Win = Window & { dapp: EthersDapp };
const recipient = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

let site: PageServer;
test.beforeAll(async () => {
  site = await startPageServer({ '/': await dappPage('ethersDapp', 'ethers test dApp') });
});
test.afterAll(async () => site?.close());

test('an ethers BrowserProvider dApp connects, signs, sends and sees 4001 on rejection', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const { address } = await unlockedWallet(context, openExtensionPage, 'ethers');
  await fund(stack.urls.chain, address, parseEther('5'));
  const page = await context.newPage();
  await page.goto(site.url);
  const dapp = <K extends keyof EthersDapp>(name: K, ...args: unknown[]) =>
    page.evaluate(({ name, args }) => (window as unknown as Win).dapp.attempt(name, ...args), { name, args });

  // Before connecting, signing is refused with 4100 whatever the library.
  const unauthorized = await page.evaluate(
    (a) =>
      (window as WindowWithEthereum)
        .ethereum!.request({ method: 'personal_sign', params: ['0x6869', a] })
        .catch((e: { code: number }) => e.code),
    address,
  );
  expect(unauthorized).toBe(4100);

  expect(await withApproval(context, () => dapp('connect'), press('Reject'))).toMatchObject({
    error: { code: 4001 },
  });
  expect(await withApproval(context, () => dapp('connect'), press('Connect'))).toEqual({ ok: address });

  const signed = await withApproval(context, () => dapp('signMessage', 'Hello from ethers'), press('Sign'));
  expect(signed).toMatchObject({ ok: { recovered: address, address } });

  const typed = await withApproval(
    context,
    () => dapp('signTypedData'),
    async (window) => {
      await expect(window.getByText('Order', { exact: true })).toBeVisible();
      await expect(window.getByText('tags[1]')).toBeVisible();
      await press('Sign')(window);
    },
  );
  expect(typed).toMatchObject({ ok: { recovered: address } });

  const sent = await withApproval(
    context,
    () => dapp('sendEth', recipient, parseEther('0.5').toString()),
    press('Send'),
  );
  expect(sent).toMatchObject({
    ok: { from: address, to: recipient, status: 1, value: parseEther('0.5').toString() },
  });

  const rejected = await withApproval(context, () => dapp('sendEth', recipient, '1'), press('Reject'));
  expect(rejected).toMatchObject({ error: { code: 4001 } });
});
