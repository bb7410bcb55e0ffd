/**
 * Key-holding nodes down, as a user meets it. With N − t nodes stopped a fresh profile still
 * signs in to its wallet. With one more stopped the sign-in says how many nodes could be used and
 * offers to recover with two factors, and that gives the same address. Every stopped node
 * is started again before the test ends (the stack is shared by the tests of this worker).
 */
import type { Page } from '@playwright/test';
import { launchWithExtension } from './browser.ts';
import { expect, test } from './fixtures.ts';
import {
  createWalletWithPassword,
  recoverWithPhraseAndPassword,
  screenshot,
  signInAs,
  testAccount,
} from './wallet-ui.ts';

/**
 * A fresh profile: the onboarding tab, Sign in as `account`, until `done` holds there. The
 * caller closes it; it is closed here when `done` fails.
 */
async function signInFreshProfile(account: string, done: (tab: Page) => Promise<void>) {
  const launched = await launchWithExtension();
  try {
    const id = new URL(launched.serviceWorker.url()).host;
    const tab = await launched.context.newPage();
    await tab.goto(`chrome-extension://${id}/pages/onboarding.html`);
    await signInAs(
      launched.context,
      account,
      () => tab.getByRole('button', { name: 'Sign in' }).click(),
      () => done(tab),
    );
    return { tab, close: () => launched.close() };
  } catch (error) {
    await launched.close();
    throw error;
  }
}

test('N − t nodes down: sign-in still works; one more down: told how many nodes are missing and recover with two factors', async ({
  stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const { nodes, threshold } = { nodes: stack.network.nodes.length, threshold: stack.network.threshold };
  const password = 'Harbor-Lantern-Quiet-83';
  const account = testAccount('nodes-down');
  const onboarding = await openExtensionPage('pages/onboarding.html');
  const { address, words } = await createWalletWithPassword(context, onboarding, account, password);

  const stopped: number[] = [];
  const stopNode = async (index: number) => {
    const node = stack.node(index);
    expect(node?.running).toBe(true);
    await node?.stop();
    stopped.push(index);
  };
  try {
    for (let i = 1; i <= nodes - threshold; i++) await stopNode(i);

    // A second profile signs in with only t nodes up: the wallet is found.
    const second = await signInFreshProfile(account, (tab) =>
      expect(tab.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible({ timeout: 60_000 }),
    );
    await second.close();

    // One node fewer than the threshold: the sign-in fails and says so, nothing is created.
    await stopNode(nodes - threshold + 1);
    const third = await signInFreshProfile(account, (tab) =>
      expect(tab.getByRole('alert')).toContainText(
        `Too few key-holding nodes answered: only ${threshold - 1} of ${nodes} nodes could be used, ${threshold} are needed`,
        { timeout: 60_000 },
      ),
    );
    try {
      const { tab } = third;
      await expect(tab.getByRole('heading', { name: 'Create your wallet' })).toHaveCount(0);
      await screenshot(tab, 'onboarding-nodes-down');

      // The way out: two factors, no node asked.
      await tab.getByRole('button', { name: 'Recover with two factors' }).click();
      await expect(tab.getByRole('heading', { name: 'Recover with two factors' })).toBeVisible();
      await recoverWithPhraseAndPassword(tab, words, password);
      await expect(tab.getByTestId('address')).toHaveText(address);
    } finally {
      await third.close();
    }
  } finally {
    for (const index of stopped) await stack.node(index)?.restart();
  }
  for (let i = 1; i <= nodes; i++) expect(stack.node(i)?.running).toBe(true);
});
