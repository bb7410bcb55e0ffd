/**
 * Builds dist-e2e/chrome and dist-e2e/firefox when any input is newer than the last build,
 * or the build embeds another network than the e2e one, so `npx playwright test` always
 * tests the code in the tree against the network the `stack` fixture runs. Network, ports
 * and build are the suite's own (e2eStack.ts): a running `npm start` and its dist/ are
 * left alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { networkPath } from '../../src/config/init-network.ts';
import { loadLocalConfig, repoRoot } from '../../src/config/local.ts';
import { type NetworkConfig, parseNetworkConfig } from '../../src/config/network.ts';
import { ensureNetwork } from '../../src/stack/stack.ts';
import { e2eChromeDir, e2eFirefoxDir, e2eNetworkDir, e2eOutDir, e2ePortOffset } from './e2eStack.ts';

const inputs = ['extension', 'src', 'public', 'config', 'manifest.json', 'vite.config.ts', 'package.json'];
const outputs = [e2eChromeDir, e2eFirefoxDir].map((dir) => join(dir, 'manifest.json'));

export default function globalSetup(): void {
  const network = ensureE2eNetwork();
  const built = Math.min(...outputs.map(mtimeOf));
  const changed = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  if (built >= changed && embedsNetwork(network)) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const mode of ['chrome', 'firefox']) {
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        TRINE_NETWORK_DIR: e2eNetworkDir,
        TRINE_PORT_OFFSET: String(e2ePortOffset),
        TRINE_OUT_DIR: e2eOutDir,
      },
    });
  }
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

/** Both builds name the e2e network's metadata key (vite.config.ts embeds it). */
function embedsNetwork(network: NetworkConfig): boolean {
  return [e2eChromeDir, e2eFirefoxDir].every((dir) => {
    const background = join(dir, 'background.js');
    return existsSync(background) && readFileSync(background, 'utf8').includes(network.metadata.signingKey);
  });
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
