/**
 * Launch Debian Chromium with the unpacked extension in a fresh (or given) profile, and
 * find the extension's service worker. Tests that need a second profile (a new device)
 * call `launchWithExtension` themselves; most use the fixtures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { loadLocalConfig } from '../../src/config/local.ts';
import { e2eChromeDir } from './e2eStack.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The e2e build (global-setup.ts), not the dist/chrome of `npm start`. */
export const extensionDir = e2eChromeDir;
/** The id `config/extension-key.json` pins; OAuth redirect URIs are registered for it. */
export const extensionId = loadLocalConfig().extension.id;

/** Chromium's flags for a test browser with exactly one unpacked extension, `dir`, loaded. */
export function chromiumArgs(dir: string, extra: readonly string[] = []): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...extra,
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
  ];
}

export type LaunchedExtension = {
  context: BrowserContext;
  serviceWorker: Worker;
  userDataDir: string;
  /** Close the browser and delete the profile unless it was passed in. */
  close(): Promise<void>;
};

export async function launchWithExtension(
  options: { userDataDir?: string } = {},
): Promise<LaunchedExtension> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'trine-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: process.env.HEADED !== '1',
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs(extensionDir),
  });
  try {
    const serviceWorker = await findServiceWorker(context);
    return {
      context,
      serviceWorker,
      userDataDir,
      close: async () => {
        await context.close();
        if (options.userDataDir === undefined) rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** The extension's background worker: already running, or the next one to start. */
export async function findServiceWorker(context: BrowserContext, timeout = 15_000): Promise<Worker> {
  const prefix = `chrome-extension://${extensionId}/`;
  // Listen before looking, so a worker that starts in between is not missed.
  const next = context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().startsWith(prefix),
    timeout,
  });
  const running = context.serviceWorkers().find((worker) => worker.url().startsWith(prefix));
  if (running === undefined) return next;
  next.catch(() => {});
  return running;
}
