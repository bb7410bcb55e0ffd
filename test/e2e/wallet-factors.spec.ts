/**
 * Factors from the popup: a wallet made with a password (too weak a password is refused
 * with the reason), a second recovery phrase added, the first removed — the confirmation,
 * the share refresh with its progress — and then the removed phrase no longer unlocks
 * (a clear error) while the kept one does.
 */
import { expect, test } from './fixtures.ts';
import { confirmPhrase, openPopup, readPhrase, screenshot, signInAs, testAccount } from './wallet-ui.ts';

test('remove a factor: the shares are refreshed and the removed factor no longer unlocks', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const account = testAccount('factors');
  const onboarding = await openExtensionPage('pages/onboarding.html');
  await signInAs(
    context,
    account,
    () => onboarding.getByRole('button', { name: 'Sign in' }).click(),
    () =>
      expect(onboarding.getByRole('heading', { name: 'Create your wallet' })).toBeVisible({
        timeout: 60_000,
      }),
  );
  await onboarding.getByRole('button', { name: 'Use a device key or password instead' }).click();
  await onboarding.getByRole('radio', { name: 'A password' }).check();

  // Too weak: the background's reason is shown, with the offline-guessing warning; no wallet is made.
  await onboarding.getByLabel('New password').fill('password123');
  await onboarding.getByLabel('Repeat the password').fill('password123');
  await onboarding.getByRole('button', { name: 'Create wallet with a password' }).click();
  await expect(onboarding.getByRole('alert')).toContainText('This password is too weak');
  await expect(onboarding.getByRole('note')).toContainText('guessed offline');
  await screenshot(onboarding, 'onboarding-password-weak');

  const password = 'Violet-Harbour-Lantern-42';
  await onboarding.getByLabel('New password').fill(password);
  await onboarding.getByLabel('Repeat the password').fill(password);
  await onboarding.getByRole('button', { name: 'Create wallet with a password' }).click();
  await expect(onboarding.getByRole('heading', { name: 'Your recovery phrase', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  const firstPhrase = await readPhrase(onboarding);
  await confirmPhrase(onboarding, firstPhrase);
  await expect(onboarding.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
  const address = (await onboarding.getByTestId('address').textContent()) ?? '';

  // Popup → Factors: add a second recovery phrase.
  const popup = await openPopup(openExtensionPage);
  await popup.getByRole('button', { name: 'Factors', exact: true }).click();
  const rows = popup.getByRole('list', { name: 'Factors of this wallet' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await popup.getByRole('button', { name: 'Password', exact: true }).click();
  await screenshot(popup, 'popup-add-password');
  await popup.keyboard.press('Escape');
  await expect(popup.getByRole('heading', { name: 'Add a factor' })).toBeVisible();

  await popup.getByRole('button', { name: 'Recovery phrase', exact: true }).click();
  await expect(popup.getByRole('heading', { name: 'Your recovery phrase', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  const secondPhrase = await readPhrase(popup);
  expect(secondPhrase).not.toEqual(firstPhrase);
  await screenshot(popup, 'popup-phrase');
  await confirmPhrase(popup, secondPhrase);
  await expect(popup.getByRole('status')).toHaveText('Recovery phrase added.');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Recovery phrase 2' })).toHaveCount(1);

  // Remove the first phrase: confirm, watch the refresh, see it gone.
  await popup.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('.progress')) seen.push(element.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const firstRow = rows
    .filter({ hasText: /Recovery phrase(?! 2)/ })
    .filter({ hasNotText: 'Recovery phrase 2' });
  await firstRow.getByRole('button', { name: /^Remove/ }).click();
  const dialog = popup.getByRole('dialog', { name: 'Remove this factor?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(popup, 'popup-remove-confirm');
  // Escape cancels and changes nothing.
  await popup.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(rows).toHaveCount(3);

  await firstRow.getByRole('button', { name: /^Remove/ }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'removed' })).toContainText(
    'The shares were refreshed',
    { timeout: 90_000 },
  );
  const seen = await popup.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.join(' | ')).toContain('Refreshing shares');
  await expect(rows).toHaveCount(2);
  await screenshot(popup, 'popup-factor-removed');

  // Lock; the removed phrase does not unlock, the kept one does.
  await popup.getByRole('button', { name: 'Lock' }).click();
  await onboarding.goto(onboarding.url());
  await signInAs(
    context,
    account,
    () => onboarding.getByRole('button', { name: 'Sign in' }).click(),
    () =>
      expect(onboarding.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible({
        timeout: 60_000,
      }),
  );
  // Signed in, not unlocked: the popup offers the wallet's factors (the removed phrase is refused there).
  await popup.reload();
  await expect(popup.getByRole('heading', { name: 'Unlock your wallet' })).toBeVisible();
  await expect(popup.getByRole('radio')).toHaveCount(2);
  await screenshot(popup, 'popup-unlock');
  await popup.getByRole('radio', { name: 'Recovery phrase' }).check();
  await popup.getByRole('textbox', { name: 'Recovery phrase' }).fill(firstPhrase.join(' '));
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('alert')).toContainText('does not open this wallet', { timeout: 60_000 });
  await screenshot(popup, 'popup-unlock-refused');

  await onboarding.getByRole('radio', { name: 'Recovery phrase' }).check();
  await onboarding.getByRole('textbox', { name: 'Recovery phrase' }).fill(firstPhrase.join(' '));
  await onboarding.getByRole('button', { name: 'Unlock' }).click();
  await expect(onboarding.getByRole('alert')).toContainText('does not open this wallet', { timeout: 60_000 });
  await screenshot(onboarding, 'onboarding-removed-factor');

  await onboarding.getByRole('textbox', { name: 'Recovery phrase' }).fill(secondPhrase.join(' '));
  await onboarding.getByRole('button', { name: 'Unlock' }).click();
  await expect(onboarding.getByRole('heading', { name: 'Enrol this device' })).toBeVisible({
    timeout: 60_000,
  });
  await onboarding.getByRole('button', { name: 'Not now' }).click();
  await expect(onboarding.getByTestId('address')).toHaveText(address);
});
