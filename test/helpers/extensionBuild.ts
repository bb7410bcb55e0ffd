/**
 * An extension build of a lane of its own (e2e, multi-host, bench), redone only when it is
 * stale: an input is newer than the build, or the build embeds another network than the
 * lane's (its metadata signing key, which vite.config.ts embeds, is not in background.js).
 * Each lane has its own network directory, port offset and output directory, so a running
 * `npm start` and its dist/ are left alone.
 *
 * @example
 * buildWhenStale({ outDir: 'dist-e2e', modes: ['chrome', 'firefox'], networkDir, portOffset: 1000, signingKey });
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/config/local.ts';

/** What the build reads: a change under any of these makes every lane's build stale. */
const inputs = ['extension', 'src', 'public', 'config', 'manifest.json', 'vite.config.ts', 'package.json'];

export type LaneBuild = {
  /** Absolute; each mode builds into `<outDir>/<mode>`. */
  outDir: string;
  modes: readonly ('chrome' | 'firefox')[];
  networkDir: string;
  portOffset: number;
  /** The lane network's metadata signing key; a build without it is stale. */
  signingKey?: string;
};

/** Builds every mode of the lane unless all are fresh; says whether it built. */
export function buildWhenStale(lane: LaneBuild): boolean {
  const dirs = lane.modes.map((mode) => join(lane.outDir, mode));
  const built = Math.min(...dirs.map((dir) => mtimeOf(join(dir, 'manifest.json'))));
  const changed = Math.max(...inputs.map((path) => newestMtime(join(repoRoot, path))));
  const embeds =
    lane.signingKey === undefined ||
    dirs.every((dir) => {
      const background = join(dir, 'background.js');
      return existsSync(background) && readFileSync(background, 'utf8').includes(lane.signingKey!);
    });
  if (built >= changed && embeds) return false;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const mode of lane.modes) {
    process.stderr.write(`building the extension into ${join(lane.outDir, mode)}\n`);
    execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: repoRoot,
      // stdout stays the caller's (a bench's last stdout line is its figures)
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        TRINE_NETWORK_DIR: lane.networkDir,
        TRINE_PORT_OFFSET: String(lane.portOffset),
        TRINE_OUT_DIR: lane.outDir,
      },
    });
  }
  return true;
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
