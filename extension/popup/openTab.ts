import browser from 'webextension-polyfill';

/**
 * Open one of the extension's pages in a tab and close the popup: sign-in and passkeys
 * take focus, which would close the popup half-way.
 */
export async function openTab(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
  window.close();
}
