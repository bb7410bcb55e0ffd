/**
 * Before signing, the approval window says what happens, on the real local chain with a real
 * ERC-20 (TestToken), from a page that calls `window.ethereum.request` as dApps do:
 *  - an unlimited `approve` shows the unlimited-approval alert (spender, "unlimited TUSD");
 *    approved, the allowance on chain is the maximum;
 *  - a token transfer shows the balance change "−25 TUSD"; sent, the balances move by that;
 *  - a transfer of more than the balance shows the failing simulation with the reason;
 *  - a Permit2 `PermitSingle` typed-data request shows the permit alert;
 *  - `wallet_sendCalls` with two transfers: one approval listing both, both land in order
 *    (consecutive nonces, balances checked on chain), `wallet_getCallsStatus` is 200 with two
 *    receipts, the same after the service worker stops, and another site gets 5730.
 * Each new approval state is screenshotted in light and dark (and scanned for accessibility).
 */
import { encodeFunctionData, erc20Abi, type Hex, maxUint160, maxUint256, parseEther } from 'viem';
import { deployTestToken } from '../helpers/testToken.ts';
import { expect, test } from './fixtures.ts';
import { press, withApproval } from './helpers/approval.ts';
import { fund, unlockedWallet } from './helpers/unlock.ts';
import { stopServiceWorker } from './helpers/worker.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import { screenshot } from './wallet-ui.ts';

const spender = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const alice = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as const;
const bob = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as const;
const PERMIT2 = '0x000000000022D473030F116dDEE9F6B43aC78BA3' as const;

let site: PageServer;
let other: PageServer;
test.beforeAll(async () => {
  const html = '<!doctype html><title>simulation dApp</title><h1>dApp</h1>';
  [site, other] = await Promise.all([startPageServer({ '/': html }), startPageServer({ '/': html })]);
});
test.afterAll(async () => {
  await Promise.all([site?.close(), other?.close()]);
});

type Answer = { ok: unknown } | { error: { code: number; message: string } };

test('the approval shows warnings and the simulated balance changes; a batch is one approval', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const { address } = await unlockedWallet(context, openExtensionPage, 'sim');
  const rpcUrl = stack.urls.chain;
  // One after the other: both come from anvil's first account.
  await fund(rpcUrl, address, parseEther('10'));
  const token = await deployTestToken(rpcUrl, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  await token.mint(address, 100_000_000n); // 100 TUSD

  const page = await context.newPage();
  await page.goto(site.url);
  const request = (method: string, params: unknown[]) =>
    page.evaluate(
      async ({ method, params }) => {
        const ethereum = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } })
          .ethereum;
        try {
          return { ok: await ethereum.request({ method, params }) };
        } catch (error) {
          const { code, message } = error as { code: number; message: string };
          return { error: { code, message } };
        }
      },
      { method, params },
    ) as Promise<Answer>;
  const tokenTx = (data: Hex) => [{ from: address, to: token.address, data }];
  const transfer = (to: Hex, amount: bigint) =>
    encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] });

  expect(await withApproval(context, () => request('eth_requestAccounts', []), press('Connect'))).toEqual({
    ok: [address.toLowerCase()],
  });

  // 1. Unlimited approve: an alert names the spender and says "unlimited".
  const approve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, maxUint256] });
  const approved = await withApproval(
    context,
    () => request('eth_sendTransaction', tokenTx(approve)),
    async (window) => {
      const alert = window.getByTestId('warning-unlimited-approval');
      await expect(alert).toHaveAttribute('role', 'alert');
      await expect(alert).toContainText('Unlimited approval');
      await expect(alert).toContainText(spender);
      await expect(alert).toContainText('unlimited TUSD');
      await expect(window.getByTestId('simulation')).toContainText('No change to your balances');
      await screenshot(window, 'approval-unlimited-approve');
      await press('Send')(window);
    },
  );
  expect(approved).toMatchObject({ ok: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
  await expect.poll(() => token.allowance(address, spender)).toBe(maxUint256);

  // 2. A transfer: the preview shows the tokens leaving, and the chain agrees after sending.
  const sent = await withApproval(
    context,
    () => request('eth_sendTransaction', tokenTx(transfer(alice, 25_000_000n))),
    async (window) => {
      await expect(window.getByTestId('change')).toHaveText('−25 TUSD');
      await expect(window.getByRole('alert')).toHaveCount(0);
      await screenshot(window, 'approval-balance-change');
      await press('Send')(window);
    },
  );
  expect(sent).toMatchObject({ ok: expect.any(String) });
  await expect.poll(() => token.balanceOf(alice)).toBe(25_000_000n);
  expect(await token.balanceOf(address)).toBe(75_000_000n);

  // 3. More than the balance: the failing simulation is shown with its reason; the user can still choose.
  const failing = await withApproval(
    context,
    () => request('eth_sendTransaction', tokenTx(transfer(alice, 500_000_000n))),
    async (window) => {
      const simulation = window.getByTestId('simulation');
      await expect(simulation).toHaveAttribute('role', 'alert');
      await expect(simulation).toContainText('This transaction is expected to fail');
      await expect(simulation).toContainText('Reason: balance');
      await expect(window.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
      await screenshot(window, 'approval-failing-simulation');
      await press('Reject')(window);
    },
  );
  expect(failing).toMatchObject({ error: { code: 4001 } });

  // 4. A Permit2 allowance signature: the permit alert with spender, token and amount.
  const permit = {
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      PermitDetails: [
        { name: 'token', type: 'address' },
        { name: 'amount', type: 'uint160' },
        { name: 'expiration', type: 'uint48' },
        { name: 'nonce', type: 'uint48' },
      ],
      PermitSingle: [
        { name: 'details', type: 'PermitDetails' },
        { name: 'spender', type: 'address' },
        { name: 'sigDeadline', type: 'uint256' },
      ],
    },
    primaryType: 'PermitSingle',
    domain: { name: 'Permit2', chainId: 31337, verifyingContract: PERMIT2 },
    message: {
      details: { token: token.address, amount: maxUint160.toString(), expiration: '1893456000', nonce: '0' },
      spender,
      sigDeadline: '1893456000',
    },
  };
  const permitted = await withApproval(
    context,
    () => request('eth_signTypedData_v4', [address, JSON.stringify(permit)]),
    async (window) => {
      const alert = window.getByTestId('warning-permit2');
      await expect(alert).toHaveAttribute('role', 'alert');
      await expect(alert).toContainText('Permit2 allowance');
      await expect(alert).toContainText(spender);
      await expect(alert).toContainText('unlimited TUSD');
      await expect(alert).toContainText('2030-01-01T00:00:00Z');
      await screenshot(window, 'approval-permit2');
      await press('Reject')(window);
    },
  );
  expect(permitted).toMatchObject({ error: { code: 4001 } });

  // 5. EIP-5792: two transfers, one approval, sent in order; the status says 200 with both receipts.
  expect(await request('wallet_getCapabilities', [address])).toEqual({
    ok: { '0x7a69': { atomic: { status: 'unsupported' } } },
  });
  const batch = await withApproval(
    context,
    () =>
      request('wallet_sendCalls', [
        {
          version: '2.0.0',
          chainId: '0x7a69',
          from: address,
          atomicRequired: false,
          calls: [
            { to: token.address, data: transfer(alice, 10_000_000n), value: '0x0' },
            { to: token.address, data: transfer(bob, 5_000_000n) },
          ],
        },
      ]),
    async (window) => {
      await expect(window.getByRole('heading', { name: 'Send 2 transactions' })).toBeVisible();
      const calls = window.getByTestId('batch-call');
      await expect(calls).toHaveCount(2);
      await expect(calls.nth(0).getByTestId('change')).toHaveText('−10 TUSD');
      await expect(calls.nth(1).getByTestId('change')).toHaveText('−5 TUSD');
      await screenshot(window, 'approval-send-calls');
      await press('Send all')(window);
    },
  );
  expect(batch).toMatchObject({ ok: { id: expect.stringMatching(/^0x[0-9a-f]{64}$/) } });
  const { id } = (batch as { ok: { id: string } }).ok;
  await expect
    .poll(
      async () => ((await request('wallet_getCallsStatus', [id])) as { ok: { status: number } }).ok.status,
    )
    .toBe(200);
  const status = (await request('wallet_getCallsStatus', [id])) as {
    ok: { atomic: boolean; receipts: { status: Hex; transactionHash: Hex }[] };
  };
  expect(status.ok.atomic).toBe(false);
  expect(status.ok.receipts.map((r) => r.status)).toEqual(['0x1', '0x1']);
  const nonces = await Promise.all(
    status.ok.receipts.map(async (r) => {
      const tx = (await request('eth_getTransactionByHash', [r.transactionHash])) as { ok: { nonce: Hex } };
      return Number(BigInt(tx.ok.nonce));
    }),
  );
  expect(nonces[1]! - nonces[0]!).toBe(1);
  expect(await token.balanceOf(alice)).toBe(35_000_000n);
  expect(await token.balanceOf(bob)).toBe(5_000_000n);
  expect(await token.balanceOf(address)).toBe(60_000_000n);

  // The batch is kept in IndexedDB: after the worker stops (as Chrome stops an idle one), the
  // status is the same; another site cannot see it.
  await stopServiceWorker(context, page);
  expect(await request('wallet_getCallsStatus', [id])).toEqual(status);
  const stranger = await context.newPage();
  await stranger.goto(other.url);
  expect(
    await stranger.evaluate(
      (id) =>
        (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum
          .request({ method: 'wallet_getCallsStatus', params: [id] })
          .then(
            () => null,
            (error: { code: number }) => error.code,
          ),
      id,
    ),
  ).toBe(5730);
});
