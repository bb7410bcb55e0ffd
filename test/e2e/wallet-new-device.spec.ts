/**
 * Lose the device, keep the wallet: a wallet made in one browser profile (device key +
 * recovery phrase) is opened in a second, fresh profile with the same sign-in and the
 * recovery phrase — same address — and a passkey is enrolled there, which then unlocks it.
 */
import type { Page } from '@playwright/test';
import { launchWithExtension } from './browser.ts';
import { expect, test } from './fixtures.ts';
import {
  addVirtualAuthenticator,
  confirmPhrase,
  openPopup,
  readPhrase,
  screenshot,
  signInAs,
  testAccount,
} from './wallet-ui.ts';

test('a second profile: sign in plus the recovery phrase gives the same address; enrol a passkey there', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const account = testAccount('device');

  // First device: a wallet with a device key (the passkey path has its own test).
  const first = await openExtensionPage('pages/onboarding.html');
  await signInAs(
    context,
    account,
    () => first.getByRole('button', { name: 'Sign in' }).click(),
    () => expect(first.getByRole('heading', { name: 'Create your wallet' })).toBeVisible({ timeout: 60_000 }),
  );
  await first.getByRole('button', { name: 'Use a device key or password instead' }).click();
  await expect(first.getByRole('radio', { name: 'A device key kept in this browser' })).toBeChecked();
  await screenshot(first, 'onboarding-fallback');
  await first.getByRole('button', { name: 'Create wallet with a device key' }).click();
  await expect(first.getByRole('heading', { name: 'Your recovery phrase', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  const words = await readPhrase(first);
  await confirmPhrase(first, words);
  await expect(first.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
  const address = (await first.getByTestId('address').textContent()) ?? '';
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);

  // Second device: a fresh profile.
  const second = await launchWithExtension();
  try {
    const id = new URL(second.serviceWorker.url()).host;
    const tab = await second.context.newPage();
    await tab.goto(`chrome-extension://${id}/pages/onboarding.html`);
    const { cdp, authenticatorId } = await addVirtualAuthenticator(second.context, tab);
    await signInAs(
      second.context,
      account,
      () => tab.getByRole('button', { name: 'Sign in' }).click(),
      () => expect(tab.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible({ timeout: 60_000 }),
    );
    // This profile has no device key: the wallet's other factor is offered.
    await expect(tab.getByRole('radio', { name: 'Device key' })).toBeVisible();
    await tab.getByRole('radio', { name: 'Recovery phrase' }).check();

    // A phrase with one word changed is refused with a clear message, and nothing unlocks.
    const altered = [...words];
    altered[0] = words[0] === 'abandon' ? 'ability' : 'abandon';
    await tab.getByRole('textbox', { name: 'Recovery phrase' }).fill(altered.join(' '));
    await tab.getByRole('button', { name: 'Unlock' }).click();
    await expect(tab.getByRole('alert')).toBeVisible({ timeout: 60_000 });
    await screenshot(tab, 'onboarding-unlock-error');
    await expect(tab.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible();

    await tab.getByRole('textbox', { name: 'Recovery phrase' }).fill(words.join(' '));
    await tab.getByRole('button', { name: 'Unlock' }).click();
    await expect(tab.getByRole('heading', { name: 'Enrol this device' })).toBeVisible({ timeout: 60_000 });
    await screenshot(tab, 'onboarding-enrol-device');
    await tab.bringToFront(); // WebAuthn needs the focused tab
    await tab.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(tab.getByRole('status')).toContainText('A passkey was added', { timeout: 60_000 });
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    await tab.getByRole('button', { name: 'Continue' }).click();
    await expect(tab.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
    await expect(tab.getByTestId('address')).toHaveText(address);

    const popup = await openPopup(async (path) => {
      const page = await second.context.newPage();
      await page.goto(`chrome-extension://${id}/${path}`);
      return page;
    });
    await expect(popup.getByTestId('address')).toHaveText(address);
    await popup.getByRole('button', { name: 'Factors', exact: true }).click();
    const rows = popup.getByRole('list', { name: 'Factors of this wallet' }).getByRole('listitem');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'Passkey' })).toHaveCount(1);

    // The new passkey unlocks this profile after a lock.
    await popup.getByRole('button', { name: 'Lock' }).click();
    await unlockWithPasskey(second.context, account, tab);
    await expect(tab.getByTestId('address')).toHaveText(address);
  } finally {
    await second.close();
  }
});

async function unlockWithPasskey(context: Parameters<typeof signInAs>[0], account: string, tab: Page) {
  await tab.goto(tab.url());
  await signInAs(
    context,
    account,
    () => tab.getByRole('button', { name: 'Sign in' }).click(),
    () => expect(tab.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible({ timeout: 60_000 }),
  );
  await tab.getByRole('radio', { name: 'Passkey' }).check();
  await tab.bringToFront(); // WebAuthn needs the focused tab
  await tab.getByRole('button', { name: 'Unlock with a passkey' }).click();
  await expect(tab.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible({ timeout: 60_000 });
}
