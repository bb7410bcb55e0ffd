/**
 * Send and Activity in Chromium against the real stack (issue 12): ETH and a TestToken
 * deployed in the test are sent from the popup — the review is the approval window's view —
 * and the recipient's balance rises by exactly the amount; bad input (a wrong checksum, more
 * than the balance, zero, negative, too many decimals, an ENS name on a chain without ENS,
 * an address that is not a token) is refused with a visible message and sends nothing (the
 * nonce is unchanged); "max" empties the account but for unspent fee. With anvil's automine
 * off, a stuck send is sped up from Activity: after one block the replacement (same nonce,
 * higher fees) is the one mined and the original shows "replaced"; a cancel leaves the
 * recipient without the amount and the original "cancelled". A send still pending when the
 * worker stops shows its outcome when the popup opens again. Screens light and dark.
 */
import type { Page } from '@playwright/test';
import { parseEther } from 'viem';
import { deployTestToken } from '../helpers/testToken.ts';
import { rpcCall } from '../unit/dapp/anvil.ts';
import { expect, test } from './fixtures.ts';
import { fund, unlockedWallet } from './helpers/unlock.ts';
import { stopServiceWorker } from './helpers/worker.ts';
import { openPopup, screenshot } from './wallet-ui.ts';

const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
/** One letter's case flipped: the EIP-55 checksum no longer matches. */
const typo = `${recipient.slice(0, 10)}c${recipient.slice(11)}`;

const rpc = rpcCall;
const balanceOf = async (url: string, address: string) =>
  BigInt((await rpc(url, 'eth_getBalance', [address, 'latest'])) as string);
const nonceOf = async (url: string, address: string) =>
  Number(BigInt((await rpc(url, 'eth_getTransactionCount', [address, 'pending'])) as string));

/** Fill the Send form and ask for the review. */
async function fillSend(popup: Page, to: string, amount: string, asset?: string): Promise<void> {
  if (asset !== undefined) await popup.getByLabel('Asset').selectOption({ label: asset });
  await popup.getByLabel('To', { exact: true }).fill(to);
  await popup.getByLabel('Amount').fill(amount);
  await popup.getByRole('button', { name: 'Review' }).click();
}

test('send ETH and a token from the popup; bad input refused and nothing sent; max', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const chain = stack.urls.chain;
  const { address, extensionPage } = await unlockedWallet(context, openExtensionPage, 'send');
  await fund(chain, address, parseEther('10'));
  const popup = await openPopup(openExtensionPage);
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(popup.getByRole('heading', { name: 'Send' })).toBeVisible();
  await expect(popup.getByText('Balance: 10 ETH')).toBeVisible();
  await screenshot(popup, 'popup-send');

  // Refusals: each says why, and nothing reaches the chain.
  const recipientBefore = await balanceOf(chain, recipient);
  const refusals: [string, string, RegExp][] = [
    [typo, '1', /checksum does not match/],
    [recipient.toLowerCase(), '11', /11 ETH is more than the balance, 10 ETH/],
    [recipient, '10', /plus a fee of up to .* is more than the balance/],
    [recipient, '0', /must be more than zero/],
    [recipient, '-1', /must be more than zero/],
    [recipient, '0.0000000000000000001', /ETH has 18 decimals/],
    ['alice.eth', '1', /has no ENS; enter an address/],
    ['0x1234', '1', /40 hexadecimal digits/],
  ];
  for (const [to, amount, reason] of refusals) {
    await fillSend(popup, to, amount);
    await expect(popup.getByRole('alert')).toContainText(reason);
    if (to === typo) await screenshot(popup, 'popup-send-refused');
  }
  expect(await nonceOf(chain, address)).toBe(0);
  expect(await balanceOf(chain, recipient)).toBe(recipientBefore);

  // 1.25 ETH to an all-lowercase address: reviewed as a dApp transaction is, then sent.
  await fillSend(popup, recipient.toLowerCase(), '1.25');
  await expect(popup.getByTestId('send-summary')).toHaveText(`Send 1.25 ETH to ${recipient}`);
  await expect(popup.getByText('Total at most')).toBeVisible();
  await screenshot(popup, 'popup-send-review');
  await popup.getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByTestId('send-status')).toContainText('confirmed');
  await screenshot(popup, 'popup-send-confirmed');
  expect(await balanceOf(chain, recipient)).toBe(recipientBefore + parseEther('1.25'));
  await popup.getByRole('button', { name: 'Done' }).click();

  // A token deployed here, followed, sent.
  const token = await deployTestToken(chain, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  await token.mint(address, 5_000_000n);
  const added = await extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'wallet-add-token',
    address: token.address,
  });
  expect(added).toMatchObject({ ok: true });
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await popup.getByLabel('Asset').selectOption({ label: 'TUSD' });
  await expect(popup.getByText('Balance: 5 TUSD')).toBeVisible();
  await fillSend(popup, recipient, '6');
  await expect(popup.getByRole('alert')).toContainText('6 TUSD is more than the balance, 5 TUSD');
  await fillSend(popup, recipient, '0.0000001');
  await expect(popup.getByRole('alert')).toContainText('TUSD has 6 decimals');
  // Another token by address: an account without code is not a token.
  await popup.getByLabel('Asset').selectOption({ label: 'Another token (by address)' });
  await popup.getByLabel('Token contract address').fill(recipient);
  await fillSend(popup, recipient, '1');
  await expect(popup.getByRole('alert')).toContainText('not an ERC-20 token');
  await screenshot(popup, 'popup-send-not-token');
  expect(await nonceOf(chain, address)).toBe(1);

  await fillSend(popup, recipient, '2.5', 'TUSD');
  await expect(popup.getByTestId('send-summary')).toHaveText(`Send 2.5 TUSD to ${recipient}`);
  await expect(popup.getByTestId('function')).toHaveText('transfer(address,uint256)');
  await screenshot(popup, 'popup-send-token-review');
  await popup.getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByTestId('send-status')).toContainText('confirmed');
  expect(await token.balanceOf(recipient)).toBe(2_500_000n);
  expect(await token.balanceOf(address)).toBe(2_500_000n);
  await popup.getByRole('button', { name: 'Done' }).click();

  // Max: everything but the most the fee can be; what is left is unspent fee.
  await popup.getByRole('button', { name: 'Send', exact: true }).click();
  await popup.getByLabel('To', { exact: true }).fill(recipient);
  await popup.getByRole('button', { name: 'Max' }).click();
  await popup.getByRole('button', { name: 'Review' }).click();
  const before = await balanceOf(chain, address);
  await expect(popup.getByTestId('send-summary')).toContainText('Send 8.7');
  await popup.getByRole('button', { name: 'Confirm' }).click();
  await expect(popup.getByTestId('send-status')).toContainText('confirmed');
  const left = await balanceOf(chain, address);
  expect(left).toBeLessThan(parseEther('0.001'));
  expect(left).toBeLessThan(before);

  // Activity: the three sends, confirmed.
  await popup.getByRole('button', { name: 'Activity' }).click();
  const items = popup.getByTestId('activity-item');
  await expect(items).toHaveCount(3);
  await expect(popup.locator('[data-testid="activity-item"][data-status="confirmed"]')).toHaveCount(3);
  await screenshot(popup, 'popup-activity-sends');
});

test('a stuck send is sped up from Activity (same nonce, mined instead) and another is cancelled', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const chain = stack.urls.chain;
  const { address, extensionPage } = await unlockedWallet(context, openExtensionPage, 'speedup');
  await fund(chain, address, parseEther('5'));
  const popup = await openPopup(openExtensionPage);
  const activityOf = async () =>
    (
      (await extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'wallet-activity' })) as {
        items: { id: string; hash: string; status: string; summary: string }[];
      }
    ).items;
  const item = (status: string) => popup.locator(`[data-testid="activity-item"][data-status="${status}"]`);

  await rpc(chain, 'evm_setAutomine', [false]);
  try {
    const recipientBefore = await balanceOf(chain, recipient);
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await fillSend(popup, recipient, '0.5');
    await popup.getByRole('button', { name: 'Confirm' }).click();
    await expect(popup.getByTestId('send-status')).toContainText('pending');
    await screenshot(popup, 'popup-send-pending');
    const [original] = await activityOf();
    const originalTx = (await rpc(chain, 'eth_getTransactionByHash', [original!.hash])) as { nonce: string };

    // Speed up: reviewed, then signed with the same nonce and higher fees.
    await popup.getByRole('button', { name: 'Activity' }).click();
    await expect(item('pending')).toHaveCount(1);
    await screenshot(popup, 'popup-activity-pending');
    await item('pending').getByRole('button', { name: 'Speed up' }).click();
    await expect(popup.getByTestId('send-summary')).toContainText(
      `Speed up (nonce ${BigInt(originalTx.nonce)})`,
    );
    await screenshot(popup, 'popup-activity-speed-up');
    await popup.getByRole('button', { name: 'Confirm speed-up' }).click();
    await expect(item('pending')).toHaveCount(2);
    const replacement = (await activityOf()).find((e) => e.id !== original!.id)!;
    await rpc(chain, 'evm_mine');
    await expect(item('confirmed')).toHaveCount(1);
    await expect(item('replaced')).toHaveCount(1);
    await expect(item('replaced')).toContainText(original!.hash);
    await screenshot(popup, 'popup-activity-replaced');
    // On the chain: the replacement was mined with the original's nonce; the original never was.
    const block = (await rpc(chain, 'eth_getBlockByNumber', ['latest', false])) as { transactions: string[] };
    expect(block.transactions).toEqual([replacement.hash]);
    const mined = (await rpc(chain, 'eth_getTransactionByHash', [replacement.hash])) as { nonce: string };
    expect(mined.nonce).toBe(originalTx.nonce);
    expect(await rpc(chain, 'eth_getTransactionReceipt', [original!.hash])).toBeNull();
    expect(await balanceOf(chain, recipient)).toBe(recipientBefore + parseEther('0.5'));

    // Cancel another: a 0-value send to itself with the same nonce is mined instead.
    await popup.getByRole('button', { name: 'Home' }).click();
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await fillSend(popup, recipient, '0.3');
    await popup.getByRole('button', { name: 'Confirm' }).click();
    await expect(popup.getByTestId('send-status')).toContainText('pending');
    await popup.getByRole('button', { name: 'Activity' }).click();
    await item('pending').getByRole('button', { name: 'Cancel' }).click();
    await expect(popup.getByTestId('send-summary')).toContainText('Cancel (nonce');
    await expect(popup.getByTestId('total')).toBeVisible();
    await screenshot(popup, 'popup-activity-cancel');
    await popup.getByRole('button', { name: 'Confirm cancel' }).click();
    await expect(item('pending')).toHaveCount(2);
    await rpc(chain, 'evm_mine');
    await expect(item('cancelled')).toHaveCount(1);
    await expect(item('confirmed')).toHaveCount(2);
    await screenshot(popup, 'popup-activity-cancelled');
    expect(await balanceOf(chain, recipient)).toBe(recipientBefore + parseEther('0.5'));
    expect(await nonceOf(chain, address)).toBe(2);
  } finally {
    await rpc(chain, 'evm_setAutomine', [true]);
  }
});

test('a send still pending when the worker stopped shows its outcome when the popup opens', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  const chain = stack.urls.chain;
  const { address, extensionPage } = await unlockedWallet(context, openExtensionPage, 'restart');
  await fund(chain, address, parseEther('2'));
  await rpc(chain, 'evm_setAutomine', [false]);
  try {
    const popup = await openPopup(openExtensionPage);
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await fillSend(popup, recipient, '0.75');
    await popup.getByRole('button', { name: 'Confirm' }).click();
    await expect(popup.getByTestId('send-status')).toContainText('pending');
    await popup.close();
    // The worker that watched the receipt is gone; the block comes while nobody watches.
    await stopServiceWorker(context, extensionPage);
    await rpc(chain, 'evm_mine');
    const again = await openPopup(openExtensionPage);
    await again.getByRole('button', { name: 'Activity' }).click();
    await expect(again.locator('[data-testid="activity-item"][data-status="confirmed"]')).toHaveCount(1);
    await expect(again.getByTestId('activity-item')).toContainText('Sent 0.75 ETH');
  } finally {
    await rpc(chain, 'evm_setAutomine', [true]);
  }
});
