/**
 * Builds dist/chrome and dist/firefox when any input is newer than the last build, so
 * `npx playwright test` always tests the code in the tree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/config/local.ts';

const inputs = ['extension', 'src', 'public', 'config', 'manifest.json', 'vite.config.ts', 'package.json'];
const outputs = ['dist/chrome/manifest.json', 'dist/firefox/manifest.json'];

export default function globalSetup(): void {
  const built = Math.min(...outputs.map((file) => mtimeOf(join(repoRoot, file))));
  const changed = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  if (built >= changed) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const mode of ['chrome', 'firefox']) {
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
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
