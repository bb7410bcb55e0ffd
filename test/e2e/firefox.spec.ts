/**
 * The Firefox build (dist/firefox: background scripts, gecko id, MAIN-world content script)
 * installs into Firefox ESR, and a page finds the provider and reaches the background.
 */
import { expect, test } from '@playwright/test';
import { firefoxAvailable, launchFirefoxWithExtension } from './firefox.ts';
import { startPageServer } from './pageServer.ts';
import type { Eip6963Detail, ProviderRpcErrorLike, WindowWithEthereum } from './types.ts';

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
      rdns: 'local.trine',
      chainId: '0x7a69',
      errorCode: 4200,
      isWindowEthereum: true,
    });
  } finally {
    await firefox.close();
    await site.close();
  }
});
