/**
 * Recover with two factors: a wallet made in one profile (password + recovery phrase) is
 * opened in a fresh profile without any sign-in — popup "Recover with two factors" → the
 * onboarding tab → phrase, then password → the same address, marked as recovered without
 * the network. A wrong password is refused and nothing unlocks. (No node is asked: the
 * integration test proves it with every node stopped.)
 */
import { launchWithExtension } from './browser.ts';
import { expect, test } from './fixtures.ts';
import {
  createWalletWithPassword,
  openPopup,
  recoverWithPhraseAndPassword,
  screenshot,
  testAccount,
} from './wallet-ui.ts';

test('a fresh profile recovers the wallet from its recovery phrase and password, without signing in', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const password = 'Copper-Meadow-Signal-57';
  const onboarding = await openExtensionPage('pages/onboarding.html');
  const { address, words } = await createWalletWithPassword(
    context,
    onboarding,
    testAccount('recover'),
    password,
  );

  const second = await launchWithExtension();
  try {
    const id = new URL(second.serviceWorker.url()).host;
    const popup = await openPopup(async (path) => {
      const page = await second.context.newPage();
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    });
    // The popup's way in without the network: it opens the recovery in a tab.
    const opened = second.context.waitForEvent('page', (page) => page.url().endsWith('#recover'));
    await popup.getByRole('button', { name: 'Recover with two factors' }).click();
    const tab = await opened;
    await expect(tab.getByRole('heading', { name: 'Recover with two factors' })).toBeVisible();
    await expect(tab.getByRole('radio', { name: 'Device key' })).toHaveCount(0); // none in this profile
    await screenshot(tab, 'onboarding-recover');

    // First factor: the recovery phrase, by keyboard (Enter submits).
    await tab.getByRole('radio', { name: 'Recovery phrase' }).check();
    await tab.getByRole('textbox', { name: 'Recovery phrase' }).fill(words.join(' '));
    await tab.getByRole('button', { name: 'Continue' }).click();
    await expect(tab.getByRole('heading', { name: 'Second factor' })).toBeVisible();
    await expect(tab.getByTestId('first-factor')).toContainText('Recovery phrase');

    // A wrong password: a clear refusal, nothing unlocked, back to the first factor.
    await tab.getByRole('radio', { name: 'Password' }).check();
    const field = tab.locator('input[type="password"]');
    await field.fill('Not-The-Password-At-All-1');
    await field.press('Enter');
    await expect(tab.getByRole('alert')).toContainText('That password is not right', { timeout: 60_000 });
    await expect(tab.getByRole('heading', { name: 'First factor' })).toBeVisible();
    await screenshot(tab, 'onboarding-recover-error');

    await recoverWithPhraseAndPassword(tab, words, password, () =>
      screenshot(tab, 'onboarding-recover-second'),
    );
    await expect(tab.getByTestId('address')).toHaveText(address);
    await expect(tab.getByRole('note')).toContainText('Recovered without the network');
    await screenshot(tab, 'onboarding-recovered');

    // The popup: the wallet home, the same address, and the note.
    const home = await openPopup(async (path) => {
      const page = await second.context.newPage();
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    });
    await expect(home.getByTestId('address')).toHaveText(address);
    await expect(home.getByRole('note')).toContainText(
      'Recovered without the network: sign in to manage factors',
    );
    await screenshot(home, 'popup-recovered');

    // Managing factors asks for a sign-in, and changes nothing.
    await home.getByRole('button', { name: 'Factors', exact: true }).click();
    const rows = home.getByRole('list', { name: 'Factors of this wallet' }).getByRole('listitem');
    await expect(rows).toHaveCount(2);
    await home.getByRole('button', { name: 'Recovery phrase', exact: true }).click();
    await expect(home.getByRole('alert')).toContainText('sign in to manage factors');
    await expect(rows).toHaveCount(2);
  } finally {
    await second.close();
  }
});
