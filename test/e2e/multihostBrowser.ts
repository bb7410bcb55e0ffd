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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot } from '../../src/config/local.ts';
import type { NetworkConfig } from '../../src/config/network.ts';
import { ensureMultihostNetwork } from '../../src/stack/multihost/multihostStack.ts';
import { buildWhenStale } from '../helpers/extensionBuild.ts';
import { chromiumArgs, chromiumPath, findServiceWorker, type LaunchedExtension } from './browser.ts';

export const multihostPortOffset = 3_000;
export const multihostSubnet = '10.213.0';
export const multihostPrefix = 'trmh';
export const multihostKeysDir = join(repoRoot, 'data', 'multihost');
export const multihostOutDir = join(repoRoot, 'dist-multihost');
export const multihostChromeDir = join(multihostOutDir, 'chrome');

/** The network of data/multihost, with dist-multihost/chrome built for it. */
export function ensureMultihostBuild(): NetworkConfig {
  const network = ensureMultihostNetwork({
    keysDir: multihostKeysDir,
    subnet: multihostSubnet,
    portOffset: multihostPortOffset,
  });
  buildWhenStale({
    outDir: multihostOutDir,
    modes: ['chrome'],
    networkDir: multihostKeysDir,
    portOffset: multihostPortOffset,
    signingKey: network.metadata.signingKey,
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
