/**
 * Issue 2's first proof: the extension loads with its pinned id, its service worker runs,
 * the popup renders and talks to it, and a web page finds the in-page provider through
 * EIP-6963 and gets answers through the real relay (page → content script → worker).
 */
import { expect, pinnedExtensionId, test } from './fixtures.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import type {
  Eip6963Detail,
  Eip6963ProviderInfo,
  ProviderRpcErrorLike,
  WindowWithEthereum,
} from './types.ts';

let site: PageServer;
test.beforeAll(async () => {
  site = await startPageServer({ '/': '<!doctype html><title>Test dApp</title><h1>Test dApp</h1>' });
});
test.afterAll(async () => site.close());

test('the extension loads with its pinned id and runs its service worker', async ({
  extensionId,
  serviceWorker,
}) => {
  expect(extensionId).toBe(pinnedExtensionId);
  expect(serviceWorker.url()).toBe(`chrome-extension://${pinnedExtensionId}/background.js`);
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.name).toBe('Trine');
  expect(manifest.manifest_version).toBe(3);
});

test('the popup renders, reports the running background, and opens onboarding in a tab', async ({
  context,
  openExtensionPage,
}) => {
  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 360, height: 600 });
  await expect(popup.getByRole('heading', { name: 'Your key, never in one place' })).toBeVisible();
  await expect(popup.getByRole('status')).toHaveText(/Wallet service running · v\d+\.\d+\.\d+/);
  const signIn = popup.getByRole('button', { name: 'Sign in' });
  await expect(signIn).toBeFocused();
  await popup.screenshot({ path: 'test-results/popup.png' });

  await popup.emulateMedia({ colorScheme: 'dark' });
  const background = await popup.locator('.popup').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(28, 26, 43)');
  await popup.screenshot({ path: 'test-results/popup-dark.png' });

  // Enter on the focused button opens onboarding in a tab and closes the popup, which can
  // happen before the key press returns.
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    popup.waitForEvent('close'),
    popup.keyboard.press('Enter').catch((error: Error) => expect(error.message).toMatch(/closed/)),
  ]);
  await expect(tab).toHaveURL(`chrome-extension://${pinnedExtensionId}/pages/onboarding.html`);
  await expect(tab.getByRole('heading', { name: 'Welcome to Trine' })).toBeVisible();
});

test('a web page discovers Trine through EIP-6963 and reaches the worker through the relay', async ({
  context,
}) => {
  const page = await context.newPage();
  await page.goto(site.url);
  const announced = await page.evaluate(
    () =>
      new Promise<{ info: Eip6963ProviderInfo; isTrine: boolean | undefined; sameAsWindow: boolean }>(
        (resolve) => {
          window.addEventListener('eip6963:announceProvider', (event) => {
            const { info, provider } = (event as CustomEvent<Eip6963Detail>).detail;
            resolve({
              info: { ...info },
              isTrine: provider.isTrine,
              sameAsWindow: provider === (window as WindowWithEthereum).ethereum,
            });
          });
          window.dispatchEvent(new Event('eip6963:requestProvider'));
        },
      ),
  );
  expect(announced.info.name).toBe('Trine');
  expect(announced.info.rdns).toBe('io.trinewallet');
  expect(announced.info.uuid).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(announced.info.icon).toMatch(/^data:image\/svg\+xml,/);
  expect(announced.isTrine).toBe(true);
  expect(announced.sameAsWindow).toBe(true);

  // The icon is a real image a dApp can show.
  const iconSize = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, announced.info.icon);
  expect(iconSize).toEqual([128, 128]);

  // A new page load announces a fresh uuid.
  await page.reload();
  const secondUuid = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        window.addEventListener('eip6963:announceProvider', (event) =>
          resolve((event as CustomEvent<Eip6963Detail>).detail.info.uuid),
        );
        window.dispatchEvent(new Event('eip6963:requestProvider'));
      }),
  );
  expect(secondUuid).not.toBe(announced.info.uuid);

  const chainId = await page.evaluate(() =>
    (window as WindowWithEthereum).ethereum!.request({ method: 'eth_chainId' }),
  );
  expect(chainId).toBe('0x7a69');

  const errorOf = (args: unknown) =>
    page.evaluate(
      (a) =>
        (window as WindowWithEthereum).ethereum!.request(a).then(
          () => null,
          (e: ProviderRpcErrorLike) => ({
            code: e.code,
            message: e.message,
            isError: e instanceof Error,
          }),
        ),
      args,
    );
  expect(await errorOf({ method: 'eth_unknownThing' })).toEqual({
    code: 4200,
    message: 'Trine does not support eth_unknownThing',
    isError: true,
  });
  // Malformed requests get a clear error and do not disturb the next request.
  expect(await errorOf({ method: 'eth_chainId', params: 'not-a-list' })).toMatchObject({ code: -32600 });
  expect(await errorOf({ method: 'bad method!' })).toMatchObject({ code: -32600 });
  expect(await errorOf({})).toMatchObject({ code: -32600 });
  expect(await errorOf({ method: 'eth_chainId', params: ['x'.repeat(2 ** 20)] })).toMatchObject({
    code: -32600,
  });
  expect(
    await page.evaluate(() => (window as WindowWithEthereum).ethereum!.request({ method: 'eth_chainId' })),
  ).toBe('0x7a69');
});

test('an existing window.ethereum is left in place; Trine is still announced', async ({ context }) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as { ethereum?: unknown }).ethereum = { isOtherWallet: true };
  });
  await page.goto(site.url);
  const result = await page.evaluate(
    () =>
      new Promise<{ other: boolean; name: string }>((resolve) => {
        window.addEventListener('eip6963:announceProvider', (event) =>
          resolve({
            other: (window as WindowWithEthereum).ethereum!.isOtherWallet === true,
            name: (event as CustomEvent<Eip6963Detail>).detail.info.name,
          }),
        );
        window.dispatchEvent(new Event('eip6963:requestProvider'));
      }),
  );
  expect(result).toEqual({ other: true, name: 'Trine' });
});
