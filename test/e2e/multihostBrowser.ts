/**
 * The extension built for the multi-host network, and Chromium to run it:
 *  - `ensureMultihostBuild()` builds dist-multihost/chrome for the network in
 *    data/multihost (keys only) when any input is newer or it embeds another network;
 *  - `launchMultihostBrowser(spki)` starts Debian Chromium with that build in a fresh
 *    profile, accepting the certificates of the run's test CA by their SPKI hashes
 *    (`--ignore-certificate-errors-spki-list`; Chromium 14x matches the server
 *    certificate's key there, the CA's hash alone is not enough). Any other certificate
 *    still fails, so the extension reaches exactly the servers of this run over TLS.
 * The network's ports are config/local.json plus `multihostPortOffset`, apart from the e2e
 * stack (offset 1 000), `npm start` and the other lanes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot } from '../../src/config/local.ts';
import type { NetworkConfig } from '../../src/config/network.ts';
import { ensureMultihostNetwork } from '../../src/stack/multihost/multihostStack.ts';
import { chromiumArgs, chromiumPath, findServiceWorker, type LaunchedExtension } from './browser.ts';

export const multihostPortOffset = 3_000;
export const multihostSubnet = '10.213.0';
export const multihostPrefix = 'trmh';
export const multihostKeysDir = join(repoRoot, 'data', 'multihost');
export const multihostOutDir = join(repoRoot, 'dist-multihost');
export const multihostChromeDir = join(multihostOutDir, 'chrome');

const inputs = ['extension', 'src', 'public', 'config', 'manifest.json', 'vite.config.ts', 'package.json'];

/** The network of data/multihost, with dist-multihost/chrome built for it. */
export function ensureMultihostBuild(): NetworkConfig {
  const network = ensureMultihostNetwork({
    keysDir: multihostKeysDir,
    subnet: multihostSubnet,
    portOffset: multihostPortOffset,
  });
  const manifest = join(multihostChromeDir, 'manifest.json');
  const background = join(multihostChromeDir, 'background.js');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const changed = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  const embeds =
    existsSync(background) && readFileSync(background, 'utf8').includes(network.metadata.signingKey);
  if (built >= changed && embeds) return network;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--mode', 'chrome', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      TRINE_NETWORK_DIR: multihostKeysDir,
      TRINE_PORT_OFFSET: String(multihostPortOffset),
      TRINE_OUT_DIR: multihostOutDir,
    },
  });
  return network;
}

export async function launchMultihostBrowser(spkiHashes: string[]): Promise<LaunchedExtension> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'trine-multihost-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: process.env.HEADED !== '1',
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs(multihostChromeDir, [`--ignore-certificate-errors-spki-list=${spkiHashes.join(',')}`]),
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    return { context, serviceWorker: await findServiceWorker(context), userDataDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
