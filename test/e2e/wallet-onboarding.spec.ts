/**
 * Onboarding end to end, as a user: sign in at the development provider, create the wallet
 * with a passkey (CDP virtual authenticator with PRF on the onboarding tab), back up the
 * recovery phrase, see the address; the address is the key's (exported through settings,
 * derived independently with viem); lock, then unlock with the passkey.
 */
import { privateKeyToAddress } from 'viem/accounts';
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

test('create a wallet with a passkey, back it up, lock and unlock with the passkey', async ({
  stack: _stack,
  context,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  const account = testAccount('onboard');
  const onboarding = await openExtensionPage('pages/onboarding.html');
  const { cdp, authenticatorId } = await addVirtualAuthenticator(context, onboarding);

  await expect(onboarding.getByRole('button', { name: 'Sign in' })).toBeFocused();
  await screenshot(onboarding, 'onboarding-sign-in');
  await signInAs(
    context,
    account,
    () => onboarding.getByRole('button', { name: 'Sign in' }).click(),
    () =>
      expect(onboarding.getByRole('heading', { name: 'Create your wallet' })).toBeVisible({
        timeout: 60_000,
      }),
  );
  await expect(onboarding.getByText(`There is no wallet for ${account}@trine.local yet`)).toBeVisible();
  await screenshot(onboarding, 'onboarding-create');

  await onboarding.bringToFront(); // WebAuthn needs the focused tab
  await onboarding.getByRole('button', { name: 'Create wallet with a passkey' }).click();
  await expect(onboarding.getByRole('heading', { name: 'Your recovery phrase', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);
  const words = await readPhrase(onboarding);
  await expect(onboarding.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await screenshot(onboarding, 'onboarding-phrase');

  // A wrong word is caught, and nothing moves on.
  await onboarding.getByLabel('I have written the words down').check();
  await onboarding.getByRole('button', { name: 'Continue' }).click();
  const fields = onboarding.getByLabel(/^Word #\d+$/);
  await expect(fields).toHaveCount(3);
  for (const field of await fields.all()) await field.fill('wrong');
  await onboarding.getByRole('button', { name: 'Confirm' }).click();
  await expect(onboarding.getByRole('alert')).toContainText('does not match');
  await screenshot(onboarding, 'onboarding-phrase-check');
  await onboarding.getByRole('button', { name: 'Show the words again' }).click();
  await confirmPhrase(onboarding, words);

  await expect(onboarding.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
  const address = (await onboarding.getByTestId('address').textContent()) ?? '';
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  await screenshot(onboarding, 'onboarding-ready');

  // The popup shows the same address; the exported key derives to it.
  const popup = await openPopup(openExtensionPage);
  await expect(popup.getByTestId('address')).toHaveText(address);
  await expect(popup.getByTestId('balance')).toHaveText(/^\d+(\.\d+)?$/);
  await expect(popup.getByLabel('Network')).toHaveValue(/^0x/);
  await screenshot(popup, 'popup-home');

  await popup.getByRole('button', { name: 'Factors', exact: true }).click();
  const rows = popup.getByRole('list', { name: 'Factors of this wallet' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Passkey' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Recovery phrase' })).toHaveCount(1);
  await screenshot(popup, 'popup-factors');

  await popup.getByRole('button', { name: 'Settings', exact: true }).click();
  await screenshot(popup, 'popup-settings');
  await popup.getByRole('button', { name: 'Export private key…' }).click();
  await popup.getByRole('radio', { name: 'Recovery phrase' }).check();
  await popup.getByRole('textbox', { name: 'Recovery phrase' }).fill(words.join(' '));
  await popup.getByRole('button', { name: 'Show private key' }).click();
  const privateKey = (await popup.getByLabel('Private key').inputValue()) as `0x${string}`;
  expect(privateKeyToAddress(privateKey)).toBe(address);
  await popup.getByRole('button', { name: 'Hide the key' }).click();
  await expect(popup.getByLabel('Private key')).toHaveCount(0);

  await popup.getByRole('button', { name: 'Activity', exact: true }).click();
  await expect(popup.getByRole('heading', { name: 'Activity' })).toBeVisible();
  await screenshot(popup, 'popup-activity');
  await popup.getByRole('button', { name: 'Sites', exact: true }).click();
  await screenshot(popup, 'popup-sites');

  // Lock: the popup is back to the start; unlocking needs sign-in plus the passkey.
  await popup.getByRole('button', { name: 'Lock' }).click();
  await expect(popup.getByRole('heading', { name: 'Your key, never in one place' })).toBeVisible();
  await screenshot(popup, 'popup-signed-out');

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
  await expect(onboarding.getByRole('radio', { name: 'Passkey' })).toBeChecked();
  await screenshot(onboarding, 'onboarding-unlock');
  await onboarding.bringToFront(); // WebAuthn needs the focused tab
  await onboarding.getByRole('button', { name: 'Unlock with a passkey' }).click();
  await expect(onboarding.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(onboarding.getByTestId('address')).toHaveText(address);

  await popup.reload();
  await expect(popup.getByTestId('address')).toHaveText(address);

  // The passkey page (opened from the popup for passkey ceremonies), in the authenticator's tab:
  // export the key with the passkey as re-authentication, then add a second passkey.
  const passkeyPage = onboarding.url().replace('pages/onboarding.html', 'pages/passkey.html');
  await onboarding.goto(`${passkeyPage}?action=export`);
  await expect(onboarding.getByRole('heading', { name: 'Export the private key' })).toBeVisible();
  await screenshot(onboarding, 'passkey-export');
  await onboarding.bringToFront(); // WebAuthn needs the focused tab
  await onboarding.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(onboarding.getByLabel('Private key')).toHaveValue(privateKey, { timeout: 60_000 });

  await onboarding.goto(`${passkeyPage}?action=add`);
  await screenshot(onboarding, 'passkey-add');
  await onboarding.bringToFront(); // WebAuthn needs the focused tab
  await onboarding.getByRole('button', { name: 'Create a passkey' }).click();
  await expect(onboarding.getByRole('status')).toHaveText(/^Passkey added\./, { timeout: 60_000 });
  await screenshot(onboarding, 'passkey-added');
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(2);
  await popup.getByRole('button', { name: 'Factors', exact: true }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Passkey' })).toHaveCount(2);
});
