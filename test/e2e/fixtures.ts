/**
 * Playwright fixtures for every end-to-end test:
 *  - `context`, `serviceWorker`, `extensionId`: Chromium with dist-e2e/chrome in a fresh profile
 *    per test (the id is the one pinned by the manifest key);
 *  - `openExtensionPage('popup.html')`: a tab on one of the extension's pages;
 *  - `stack`: the real local stack (OpenID provider, chain, nodes, metadata, demo dApp) on
 *    the ports of config/local.json plus `e2ePortOffset` (beside a running `npm start`),
 *    started once per worker and only if a test asks.
 *
 * @example
 * import { expect, test } from './fixtures.ts';
 * test('popup', async ({ openExtensionPage }) => {
 *   const popup = await openExtensionPage('popup.html');
 *   await expect(popup.getByRole('button', { name: 'Sign in' })).toBeVisible();
 * });
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { repoRoot } from '../../src/config/local.ts';
import { type ServiceName, serviceNames } from '../../src/stack/services.ts';
import { type Stack, startStack } from '../../src/stack/stack.ts';
import { extensionId, type LaunchedExtension, launchWithExtension } from './browser.ts';
import { e2eNetworkDir, e2ePortOffset } from './e2eStack.ts';

export type ExtensionFixtures = {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Open `chrome-extension://<id>/<path>` in a new tab and wait for it to load. */
  openExtensionPage: (path: string) => Promise<Page>;
};

export type WorkerFixtures = {
  stack: Stack;
  /** Which services `stack` starts; all by default. `test.use({ stackServices: ['oidc'] })`. */
  stackServices: readonly ServiceName[];
};

/** Kept after the run (logs of every service are under `logs/`); emptied when a stack starts. */
export const stackDir = join(repoRoot, 'test-results', 'e2e-stack');

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
  stackServices: [serviceNames, { scope: 'worker', option: true }],
  stack: [
    async ({ stackServices }, use) => {
      rmSync(stackDir, { recursive: true, force: true });
      copyNetworkKeys(e2eNetworkDir, stackDir);
      const stack = await startStack({ dir: stackDir, portOffset: e2ePortOffset, services: stackServices });
      try {
        await use(stack);
      } finally {
        await stack.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

/** The stack runs the network the extension was built for (its keys), with empty stores. */
function copyNetworkKeys(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const file of readdirSync(from))
    if (file === 'network.json' || file.endsWith('.secrets.json'))
      copyFileSync(join(from, file), join(to, file));
}

export { expect } from '@playwright/test';
export { extensionId as pinnedExtensionId };
