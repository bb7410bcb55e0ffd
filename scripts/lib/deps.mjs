/**
 * Installs what is missing before anything imports a dependency (plain Node, no tsx yet).
 * node_modules is stale when any package locked in package-lock.json is missing from, or
 * has another version in, npm's own record of what it installed (node_modules/.package-lock.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why node_modules must be (re)installed, or undefined when it is up to date. */
export function staleReason(root) {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  if (!existsSync(installed)) return 'node_modules was not installed by npm';
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(installed, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(wanted)) {
    if (path === '' || entry.link) continue;
    const got = have[path];
    if (!got) {
      // Optional packages for other platforms (e.g. anvil-darwin-arm64) are never installed.
      if (entry.optional || entry.devOptional) continue;
      return `${path.replace(/^node_modules\//, '')} is not installed`;
    }
    if (got.version !== entry.version)
      return `${path.replace(/^node_modules\//, '')} is ${got.version}, not ${entry.version}`;
  }
  return undefined;
}

/** Runs `npm ci` when node_modules is absent or stale; exits the process if that fails. */
export function ensureDependencies(root) {
  const reason = staleReason(root);
  if (!reason) return false;
  console.info(`[trine] ${reason}: running npm ci …`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      '[trine] npm ci failed (see above). Check your network connection and Node version (>= 20.19).',
    );
    process.exit(1);
  }
  return true;
}
