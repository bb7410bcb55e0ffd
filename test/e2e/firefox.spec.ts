/**
 * The Firefox build (dist-e2e/firefox: background scripts, gecko id, MAIN-world content script)
 * installs into Firefox ESR, and a page finds the provider and reaches the background;
 * sign-in at the development provider (identity API) creates a wallet and reaches the home.
 */
import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
} from '@metamask/eth-sig-util';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { parseEther, verifyMessage } from 'viem';
import { firefoxAvailable, firefoxExtensionOrigin, launchFirefoxWithExtension } from './firefox.ts';
import { expect, test } from './fixtures.ts';
import { type MetaMaskDapp, metaMaskDappPage } from './helpers/dapp/metamaskDapp.ts';
import { fund } from './helpers/unlock.ts';
import { startPageServer } from './pageServer.ts';
import type { Eip6963Detail, ProviderRpcErrorLike, WindowWithEthereum } from './types.ts';
import { screensDir, testAccount } from './wallet-ui.ts';

test.skip(!firefoxAvailable, 'firefox-esr is not installed (apt-get install firefox-esr)');

test('Firefox: the provider is announced and answers through the relay', async () => {
  const site = await startPageServer({ '/': '<!doctype html><title>Test dApp</title><h1>Test dApp</h1>' });
  const firefox = await launchFirefoxWithExtension();
  try {
    const page = await firefox.browser.newPage();
    await page.goto(site.url);
    const seen = await page.evaluate(
      () =>
        new Promise<{
          name: string;
          rdns: string;
          chainId: unknown;
          errorCode: number;
          isWindowEthereum: boolean;
        }>((resolve) => {
          window.addEventListener('eip6963:announceProvider', async (event) => {
            const { info, provider } = (event as CustomEvent<Eip6963Detail>).detail;
            const chainId = await provider.request({ method: 'eth_chainId' });
            const errorCode = await provider.request({ method: 'eth_nothing' }).then(
              () => 0,
              (error: ProviderRpcErrorLike) => error.code,
            );
            resolve({
              name: info.name,
              rdns: info.rdns,
              chainId,
              errorCode,
              isWindowEthereum: (window as WindowWithEthereum).ethereum === provider,
            });
          });
          window.dispatchEvent(new Event('eip6963:requestProvider'));
        }),
    );
    expect(seen).toEqual({
      name: 'Trine',
      rdns: 'io.trinewallet',
      chainId: '0x7a69',
      errorCode: 4200,
      isWindowEthereum: true,
    });
  } finally {
    await firefox.close();
    await site.close();
  }
});

test('Firefox: sign-in with the development provider reaches the wallet home', async ({ stack: _stack }) => {
  test.setTimeout(180_000);
  const account = testAccount('firefox');
  const firefox = await launchFirefoxWithExtension();
  try {
    const page = await openExtensionPage(firefox.browser, 'pages/onboarding.html');
    await clickButton(page, 'Sign in');
    // The identity API opens the provider's page in a window of its own.
    const login = await waitForPage(firefox.browser, (url) => /\/interaction\/[A-Za-z0-9_-]+$/.test(url));
    await login.waitForSelector('button[data-account="alice"]');
    await login.$eval(
      'button[data-account="alice"]',
      (button, id) => {
        (button as HTMLButtonElement).value = id;
        (button as HTMLButtonElement).click();
      },
      account,
    );
    await waitForHeading(page, 'Create your wallet');

    // No virtual authenticator here: the device key.
    await clickButton(page, 'Use a device key or password instead');
    await clickButton(page, 'Create wallet with a device key');
    await waitForHeading(page, 'Your recovery phrase', 'h2');
    const words = await page.$$eval('.phrase-word', (elements) => elements.map((e) => e.textContent ?? ''));
    expect(words).toHaveLength(24);
    await page.click('input[type="checkbox"]');
    await clickButton(page, 'Continue');
    await page.waitForSelector('input[name^="word-"]');
    for (const field of await page.$$('input[name^="word-"]')) {
      const position = Number((await field.evaluate((e) => (e as HTMLInputElement).name)).slice(5));
      await field.type(words[position - 1] ?? '');
    }
    await clickButton(page, 'Confirm');
    await waitForHeading(page, 'Your wallet is ready');
    const address = await page.$eval('[data-testid="address"]', (e) => e.textContent ?? '');
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);

    // The popup (as a tab) opens on the wallet home with the same address.
    const popup = await openExtensionPage(firefox.browser, 'popup.html');
    await popup.waitForFunction(
      (expected) => document.querySelector('[data-testid="address"]')?.textContent === expected,
      { timeout: 30_000 },
      address,
    );
    await popup.waitForFunction(() =>
      /^\d/.test(document.querySelector('[data-testid="balance"]')?.textContent ?? ''),
    );
    await popup.setViewport({ width: 360, height: 600 });
    await popup.screenshot({ path: `${screensDir}/firefox-popup-home.png` });
  } finally {
    await firefox.close();
  }
});

test('Firefox: a MetaMask-style dApp connects, signs (personal, typed data v4), sends (EIP-1559) and sees a rejection', async ({
  stack,
}) => {
  test.setTimeout(240_000);
  const site = await startPageServer({ '/': metaMaskDappPage() });
  const firefox = await launchFirefoxWithExtension();
  try {
    // An unlocked wallet through the background's own procedures, as the onboarding page makes it.
    const extension = await openExtensionPage(firefox.browser, 'popup.html');
    const send = (message: unknown) =>
      extension.evaluate(
        (m) =>
          (
            globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).browser.runtime.sendMessage(m),
        message,
      ) as Promise<Record<string, unknown>>;
    const signedIn = send({ type: 'wallet-sign-in', interactive: true });
    const login = await waitForPage(firefox.browser, (url) => /\/interaction\/[A-Za-z0-9_-]+$/.test(url));
    await login.waitForSelector('button[data-account="alice"]');
    await login.$eval(
      'button[data-account="alice"]',
      (button, id) => {
        (button as HTMLButtonElement).value = id;
        (button as HTMLButtonElement).click();
      },
      testAccount('ff-dapp'),
    );
    expect(await signedIn).toMatchObject({ ok: true, state: 'needs-registration' });
    const registered = await send({
      type: 'wallet-register',
      first: { type: 'device', label: 'firefox device' },
      withRecoveryPhrase: false,
    });
    expect(registered).toMatchObject({ ok: true, state: 'unlocked' });
    const address = registered.address as `0x${string}`;
    const me = address.toLowerCase();
    await fund(stack.urls.chain, address, parseEther('5'));

    const page = await firefox.browser.newPage();
    await page.goto(site.url);
    const mm = <T>(name: keyof MetaMaskDapp, ...args: unknown[]) =>
      page.evaluate(
        (name, args) =>
          (
            (window as unknown as { mm: Record<string, (...a: unknown[]) => unknown> }).mm[name] as (
              ...a: unknown[]
            ) => unknown
          )(...args),
        name,
        args,
      ) as Promise<T>;
    /** Start a dApp call, press `button` in the approval window it opens, answer the call's outcome. */
    const approve = async <T>(start: () => Promise<T>, button: string): Promise<T> => {
      const before = new Set(await firefox.browser.pages());
      const answer = start();
      const window = await approvalWindow(firefox.browser, before);
      // The background closes the window once the queue is empty, maybe before the click returns.
      await clickButton(window, button).catch((error: Error) => {
        if (!/clos|detach|target/i.test(error.message)) throw error;
      });
      return answer;
    };

    expect(await approve(() => mm('start'), 'Connect')).toEqual({
      gated: true,
      accounts: [me],
      chainId: '0x7a69',
      netVersion: '31337',
    });
    const signed = await approve(
      () =>
        mm<{ ok: { message: `0x${string}`; signature: `0x${string}`; recovered: string; matches: boolean } }>(
          'personalSign',
          'Hello from Firefox',
        ),
      'Sign',
    );
    expect(signed.ok).toMatchObject({ recovered: me, matches: true });
    expect(recoverPersonalSignature({ data: signed.ok.message, signature: signed.ok.signature })).toBe(me);
    expect(
      await verifyMessage({ address, message: { raw: signed.ok.message }, signature: signed.ok.signature }),
    ).toBe(true);

    const typedData = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'chainId', type: 'uint256' },
        ],
        Note: [{ name: 'text', type: 'string' }],
      },
      primaryType: 'Note',
      domain: { name: 'Firefox dApp', chainId: 31337 },
      message: { text: 'typed in Firefox' },
    };
    const typed = await approve(() => mm<{ ok: `0x${string}` }>('signTypedV4', typedData), 'Sign');
    expect(
      recoverTypedSignature({
        data: typedData as never,
        signature: typed.ok,
        version: SignTypedDataVersion.V4,
      }),
    ).toBe(me);

    const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const sent = await approve(
      () =>
        mm<{ ok: { receipt: Record<string, unknown>; tx: Record<string, unknown> } }>('send', {
          to: recipient,
          value: '0xde0b6b3a7640000',
        }),
      'Send',
    );
    expect(sent.ok.receipt).toMatchObject({ status: '0x1', from: me, to: recipient.toLowerCase() });
    expect(sent.ok.tx).toMatchObject({ type: '0x2', value: '0xde0b6b3a7640000' });

    expect(await approve(() => mm('personalSign', 'never signed'), 'Reject')).toMatchObject({
      error: { code: 4001 },
    });
  } finally {
    await firefox.close();
    await site.close();
  }
});

/**
 * The approval window a request opened: a page that was not there `before` and shows
 * pages/approval.html (BiDi reports extension pages as about:blank: ask the page itself).
 */
async function approvalWindow(browser: Browser, before: Set<Page>): Promise<Page> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      if (before.has(page)) continue;
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (!href.endsWith('/pages/approval.html')) continue;
      await page.waitForFunction(() => document.querySelector('[data-testid="origin"]') !== null, {
        timeout: 30_000,
      });
      return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no approval window opened');
}

async function clickButton(page: Page, name: string): Promise<void> {
  const button = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text && !b.disabled) ??
      null,
    { timeout: 60_000 },
    name,
  );
  await (button as ElementHandle<HTMLButtonElement>).click();
}

async function waitForHeading(page: Page, text: string, tag = 'h1'): Promise<void> {
  try {
    await page.waitForFunction(
      (tag, text) => [...document.querySelectorAll(tag)].some((h) => h.textContent === text),
      { timeout: 60_000 },
      tag,
      text,
    );
  } catch (error) {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it
    const shown = await page.evaluate(() => document.body.innerText).catch(() => '(unreadable)');
    throw new Error(`no heading '${text}'; the page shows:\n${shown}`, { cause: error });
  }
}

async function waitForPage(browser: Browser, match: (url: string) => boolean): Promise<Page> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const found = (await browser.pages()).find((page) => match(page.url()));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the provider page did not open');
}

/**
 * Open an extension page. Firefox loads it, but BiDi never reports the load of a
 * moz-extension:// navigation to puppeteer: wait for the document instead.
 */
async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${firefoxExtensionOrigin}/${path}`;
  await page.goto(url, { timeout: 3_000 }).catch(() => {});
  await page.waitForFunction(
    (url) => location.href === url && document.readyState === 'complete',
    { timeout: 30_000 },
    url,
  );
  return page;
}
