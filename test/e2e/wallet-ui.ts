/**
 * Helpers for the wallet user-interface tests: a CDP virtual authenticator with PRF on one
 * tab, the development provider's login page driven as a user would (as a throw-away
 * `test-<name>` identity), screenshots in light and dark under test-results/screens/.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { accessibilityViolations } from './helpers/a11y.ts';

export const screensDir = 'test-results/screens';

/** A fresh identity at the development provider, so every test has its own wallet. */
export function testAccount(prefix: string): string {
  return `test-${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * Attach a virtual platform authenticator with PRF (hmac-secret) to `page`. It belongs to
 * this tab: passkeys made here are used here.
 */
export async function addVirtualAuthenticator(
  context: BrowserContext,
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/**
 * Click `trigger` (which starts the OpenID sign-in) and, if the provider shows its account
 * page (in a window or tab of this browser), sign in there as `account`. With a live
 * provider session the page may never show: then `done` alone decides.
 */
export async function signInAs(
  context: BrowserContext,
  account: string,
  trigger: () => Promise<void>,
  done: () => Promise<void>,
): Promise<void> {
  let finished = false;
  const completed = done().then(() => {
    finished = true;
  });
  await trigger();
  const deadline = Date.now() + 60_000;
  while (!finished && Date.now() < deadline) {
    const login = context.pages().find((page) => /\/interaction\/[A-Za-z0-9_-]+$/.test(page.url()));
    if (login !== undefined) {
      const button = login.locator('button[data-account="alice"]');
      await button.waitFor();
      await screenshot(login, 'provider-sign-in');
      // The login page lists the named accounts; a test identity is submitted the same way.
      await button.evaluate((element, id) => {
        (element as HTMLButtonElement).value = id;
      }, account);
      await button.click();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await completed;
}

/**
 * Save `<name>.png` (light) and `<name>-dark.png` of a page as it is now, and scan it for
 * accessibility in both schemes (helpers/a11y.ts): a screen with a violation fails the
 * test that shows it, naming the rule and the element.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const violations: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${screensDir}/${name}${scheme === 'dark' ? '-dark' : ''}.png` });
    for (const line of await accessibilityViolations(page)) violations.push(`${scheme}: ${line}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(violations, `accessibility of the screen "${name}"`).toEqual([]);
}

/** Open the popup as a 360×600 tab (a real popup cannot be opened from a test). */
export async function openPopup(open: (path: string) => Promise<Page>): Promise<Page> {
  const popup = await open('popup.html');
  await popup.setViewportSize({ width: 360, height: 600 });
  return popup;
}

/** The 24 words of the recovery phrase on screen, in order. */
export async function readPhrase(page: Page): Promise<string[]> {
  const words = await page.locator('.phrase-word').allTextContents();
  expect(words).toHaveLength(24);
  return words;
}

/** Tick "written down", continue, and re-enter the three words the page asks for. */
export async function confirmPhrase(page: Page, words: string[]): Promise<void> {
  await page.getByLabel('I have written the words down').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const field of await page.getByLabel(/^Word #\d+$/).all()) {
    const label = await field.evaluate(
      (element) => document.querySelector(`label[for="${element.id}"]`)?.textContent ?? '',
    );
    const position = Number(/#(\d+)/.exec(label)?.[1]);
    await field.fill(words[position - 1] ?? '');
  }
  await page.getByRole('button', { name: 'Confirm' }).click();
}

/**
 * On the onboarding page `page`: sign in as `account`, create the wallet with a password
 * (the fallback path), back up and confirm the recovery phrase. Returns what a user keeps.
 */
export async function createWalletWithPassword(
  context: BrowserContext,
  page: Page,
  account: string,
  password: string,
): Promise<{ address: string; words: string[] }> {
  await signInAs(
    context,
    account,
    () => page.getByRole('button', { name: 'Sign in' }).click(),
    () => expect(page.getByRole('heading', { name: 'Create your wallet' })).toBeVisible({ timeout: 60_000 }),
  );
  await page.getByRole('button', { name: 'Use a device key or password instead' }).click();
  await page.getByRole('radio', { name: 'A password' }).check();
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Repeat the password').fill(password);
  await page.getByRole('button', { name: 'Create wallet with a password' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery phrase', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  const words = await readPhrase(page);
  await confirmPhrase(page, words);
  await expect(page.getByRole('heading', { name: 'Your wallet is ready' })).toBeVisible();
  const address = (await page.getByTestId('address').textContent()) ?? '';
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
  return { address, words };
}

/**
 * On the "Recover with two factors" step of `tab`: the recovery phrase, then the password,
 * then Recover; waits for "Your wallet is recovered". `atSecondFactor` runs on the second
 * step before the password goes in (a screenshot, say).
 */
export async function recoverWithPhraseAndPassword(
  tab: Page,
  words: string[],
  password: string,
  atSecondFactor?: () => Promise<void>,
): Promise<void> {
  await tab.getByRole('radio', { name: 'Recovery phrase' }).check();
  await tab.getByRole('textbox', { name: 'Recovery phrase' }).fill(words.join(' '));
  await tab.getByRole('button', { name: 'Continue' }).click();
  await atSecondFactor?.();
  await tab.getByRole('radio', { name: 'Password' }).check();
  await tab.locator('input[type="password"]').fill(password);
  await tab.getByRole('button', { name: 'Recover', exact: true }).click();
  await expect(tab.getByRole('heading', { name: 'Your wallet is recovered' })).toBeVisible({
    timeout: 60_000,
  });
}
