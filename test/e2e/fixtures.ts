/**
 * Playwright fixtures for every end-to-end test:
 *  - `context`, `serviceWorker`, `extensionId`: Chromium with dist/chrome in a fresh profile
 *    per test (the id is the one pinned by the manifest key);
 *  - `openExtensionPage('popup.html')`: a tab on one of the extension's pages;
 *  - `stack`: the real local stack (OpenID provider, chain, nodes, metadata, demo dApp) on
 *    the ports of config/local.json, started once per worker and only if a test asks.
 *
 * @example
 * import { expect, test } from './fixtures.ts';
 * test('popup', async ({ openExtensionPage }) => {
 *   const popup = await openExtensionPage('popup.html');
 *   await expect(popup.getByRole('button', { name: 'Sign in' })).toBeVisible();
 * });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { type Stack, startStack } from '../../src/stack/stack.ts';
import { extensionId, type LaunchedExtension, launchWithExtension } from './browser.ts';

export type ExtensionFixtures = {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Open `chrome-extension://<id>/<path>` in a new tab and wait for it to load. */
  openExtensionPage: (path: string) => Promise<Page>;
};

export type WorkerFixtures = { stack: Stack };

export const test = base.extend<ExtensionFixtures & { launched: LaunchedExtension }, WorkerFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring
  launched: async ({}, use) => {
    const launched = await launchWithExtension();
    await use(launched);
    await launched.close();
  },
  context: async ({ launched }, use) => use(launched.context),
  serviceWorker: async ({ launched }, use) => use(launched.serviceWorker),
  extensionId: async ({ serviceWorker }, use) => use(new URL(serviceWorker.url()).host),
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    });
  },
  stack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright needs the destructuring
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'trine-e2e-stack-'));
      const stack = await startStack({ dir });
      try {
        await use(stack);
      } finally {
        await stack.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '@playwright/test';
export { extensionId as pinnedExtensionId };
