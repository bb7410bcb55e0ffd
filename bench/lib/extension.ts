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
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { repoRoot } from '../../src/config/local.ts';
import { chromiumArgs, chromiumPath, findServiceWorker } from '../../test/e2e/browser.ts';

/** Clear of npm start (0), the e2e suite (1000), the integration tests (≤ 22 800) and the ephemeral range. */
export const benchPortOffset = 20_000;
export const benchNetworkDir = join(repoRoot, 'data', 'bench');
export const benchOutDir = join(repoRoot, 'dist-bench');
export const benchChromeDir = join(benchOutDir, 'chrome');

const inputs = ['extension', 'src', 'public', 'config', 'manifest.json', 'vite.config.ts', 'package.json'];

/** Builds dist-bench/chrome unless it is newer than every input. */
export function ensureBenchExtension(): string {
  const built = mtimeOf(join(benchChromeDir, 'manifest.json'));
  const changed = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  if (built >= changed) return benchChromeDir;
  process.stderr.write('building the extension into dist-bench/chrome\n');
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--mode', 'chrome', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'], // stdout is the bench's: its last line is the figures
    env: {
      ...process.env,
      TRINE_NETWORK_DIR: benchNetworkDir,
      TRINE_PORT_OFFSET: String(benchPortOffset),
      TRINE_OUT_DIR: benchOutDir,
    },
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

function mtimeOf(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
