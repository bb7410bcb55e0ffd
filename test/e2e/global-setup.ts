/**
 * Builds dist-e2e/chrome and dist-e2e/firefox when any input is newer than the last build,
 * or the build embeds another network than the e2e one, so `npx playwright test` always
 * tests the code in the tree against the network the `stack` fixture runs. Network, ports
 * and build are the suite's own (e2eStack.ts): a running `npm start` and its dist/ are
 * left alone.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { networkPath } from '../../src/config/init-network.ts';
import { loadLocalConfig } from '../../src/config/local.ts';
import { type NetworkConfig, parseNetworkConfig } from '../../src/config/network.ts';
import { ensureNetwork } from '../../src/stack/stack.ts';
import { buildWhenStale } from '../helpers/extensionBuild.ts';
import { e2eNetworkDir, e2eOutDir, e2ePortOffset } from './e2eStack.ts';

export default function globalSetup(): void {
  const network = ensureE2eNetwork();
  buildWhenStale({
    outDir: e2eOutDir,
    modes: ['chrome', 'firefox'],
    networkDir: e2eNetworkDir,
    portOffset: e2ePortOffset,
    signingKey: network.metadata.signingKey,
  });
}

/**
 * data/e2e on the e2e ports. It holds keys only (every run starts with empty stores), so a
 * network left on other ports (an earlier offset) is replaced rather than reported.
 */
function ensureE2eNetwork(): NetworkConfig {
  const config = loadLocalConfig();
  const read = () => parseNetworkConfig(JSON.parse(readFileSync(networkPath(e2eNetworkDir), 'utf8')));
  if (existsSync(networkPath(e2eNetworkDir))) {
    const metadataPort = Number(new URL(read().metadata.url).port);
    if (metadataPort !== config.metadata.port + e2ePortOffset)
      rmSync(e2eNetworkDir, { recursive: true, force: true });
  }
  ensureNetwork({ dir: e2eNetworkDir, config, portOffset: e2ePortOffset });
  return read();
}
