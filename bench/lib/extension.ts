/**
 * The extension build the browser benchmarks load, and the browser that loads it.
 *
 * The benches build their own copy into dist-bench/chrome (vite.config.ts's TRINE_OUT_DIR),
 * for a network of their own in data/bench on ports shifted by `benchPortOffset`, so a fresh
 * clone needs nothing built beforehand and neither `npm start`'s dist/ nor the e2e suite's
 * dist-e2e/ is touched. Nothing listens on those ports during the benches: the figures
 * measured (worker start, popup render, page ↔ worker round trips, bundle sizes) need no
 * server. The build is redone only when an input is newer than it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { repoRoot } from '../../src/config/local.ts';
import { chromiumArgs, chromiumPath, findServiceWorker } from '../../test/e2e/browser.ts';
import { buildWhenStale } from '../../test/helpers/extensionBuild.ts';

/** Clear of npm start (0), the e2e suite (1000), the integration tests (≤ 22 800) and the ephemeral range. */
export const benchPortOffset = 20_000;
export const benchNetworkDir = join(repoRoot, 'data', 'bench');
export const benchOutDir = join(repoRoot, 'dist-bench');
export const benchChromeDir = join(benchOutDir, 'chrome');

/** Builds dist-bench/chrome unless it is newer than every input. */
export function ensureBenchExtension(): string {
  buildWhenStale({
    outDir: benchOutDir,
    modes: ['chrome'],
    networkDir: benchNetworkDir,
    portOffset: benchPortOffset,
  });
  return benchChromeDir;
}

export type BenchBrowser = { context: BrowserContext; serviceWorker: Worker; close(): Promise<void> };

/** Chromium in a fresh profile with dist-bench/chrome loaded (built first when stale). */
export async function launchBenchExtension(): Promise<BenchBrowser> {
  const dir = ensureBenchExtension();
  const profile = mkdtempSync(join(tmpdir(), 'trine-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs(dir),
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    return { context, serviceWorker: await findServiceWorker(context, 60_000), close };
  } catch (error) {
    await close();
    throw error;
  }
}
