/**
 * Builds dist/chrome and dist/firefox when any input is newer than the last build, or the
 * build embeds another network than the e2e one, so `npx playwright test` always tests the
 * code in the tree against the network the `stack` fixture runs (`e2eNetworkDir`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { networkPath } from '../../src/config/init-network.ts';
import { loadLocalConfig, repoRoot } from '../../src/config/local.ts';
import { parseNetworkConfig } from '../../src/config/network.ts';
import { ensureNetwork } from '../../src/stack/stack.ts';

/** The network the extension is built for and the e2e stack runs (keys only; data is fresh per run). */
export const e2eNetworkDir = resolve(repoRoot, process.env.TRINE_NETWORK_DIR || loadLocalConfig().dataDir);

const inputs = ['extension', 'src', 'public', 'config', 'manifest.json', 'vite.config.ts', 'package.json'];
const outputs = ['dist/chrome/manifest.json', 'dist/firefox/manifest.json'];

export default function globalSetup(): void {
  ensureNetwork({ dir: e2eNetworkDir, config: loadLocalConfig() });
  const built = Math.min(...outputs.map((file) => mtimeOf(join(repoRoot, file))));
  const changed = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  if (built >= changed && embedsE2eNetwork()) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const mode of ['chrome', 'firefox']) {
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, TRINE_NETWORK_DIR: e2eNetworkDir },
    });
  }
}

/** The built background names the e2e network's metadata key (vite.config.ts embeds it). */
function embedsE2eNetwork(): boolean {
  const background = join(repoRoot, 'dist', 'chrome', 'background.js');
  if (!existsSync(background)) return false;
  const network = parseNetworkConfig(JSON.parse(readFileSync(networkPath(e2eNetworkDir), 'utf8')));
  return readFileSync(background, 'utf8').includes(network.metadata.signingKey);
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
