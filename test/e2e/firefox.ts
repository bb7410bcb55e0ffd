/**
 * Firefox ESR with dist-e2e/firefox (the e2e build) installed, driven by puppeteer-core over WebDriver BiDi
 * (Playwright cannot install extensions into Firefox). For smoke tests of the Firefox build.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { loadLocalConfig } from '../../src/config/local.ts';
import { e2eFirefoxDir } from './e2eStack.ts';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const firefoxAvailable = existsSync(firefoxPath);
export const firefoxExtensionDir = e2eFirefoxDir;

/** Firefox gives each install a random moz-extension:// host; this pins it, so tests can open the extension's pages. */
export const firefoxExtensionUuid = '6f0d5a52-7a49-4f4e-9d35-2a8c1e4b7f10';
export const firefoxExtensionOrigin = `moz-extension://${firefoxExtensionUuid}`;

export type LaunchedFirefox = { browser: Browser; addonId: string; close(): Promise<void> };

export async function launchFirefoxWithExtension(): Promise<LaunchedFirefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: process.env.HEADED !== '1',
    // WebDriver BiDi may only navigate to moz-extension:// pages with system access allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({
        [loadLocalConfig().extension.geckoId]: firefoxExtensionUuid,
      }),
    },
  });
  try {
    const addonId = await browser.installExtension(firefoxExtensionDir);
    if (addonId !== loadLocalConfig().extension.geckoId) throw new Error(`installed as ${addonId}`);
    return { browser, addonId, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
