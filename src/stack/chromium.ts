/**
 * Opens the system Chromium with the unpacked extension loaded and a page open, in a
 * profile kept under the data directory (so passkeys and wallet state survive restarts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TrineError } from '../errors/index.ts';
import { requireBinary } from './binary.ts';
import { type ServiceHandle, spawnService } from './process.ts';

export const chromiumPath = '/usr/bin/chromium';
const installHint = 'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu).';

/** Throws, saying what to do, when `--browser` cannot work here; called before anything starts. */
export function assertCanOpenChromium(extensionDir: string): void {
  requireBinary('chromium', chromiumPath, undefined, installHint);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new TrineError({
      code: 'invalid-input',
      message: `--browser: ${extensionDir} has no manifest.json, the extension is not built. Run \`npm run build\` and fix its errors first.`,
    });
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new TrineError({
      code: 'invalid-input',
      message:
        '--browser needs a graphical session (DISPLAY or WAYLAND_DISPLAY is not set). Load dist/chrome by hand instead.',
    });
  }
}

export async function openChromium(o: {
  extensionDir: string;
  profileDir: string;
  url: string;
  logDir: string;
}): Promise<ServiceHandle> {
  assertCanOpenChromium(o.extensionDir);
  return spawnService({
    name: 'chromium',
    command: chromiumPath,
    installHint,
    args: [
      `--user-data-dir=${o.profileDir}`,
      `--disable-extensions-except=${o.extensionDir}`,
      `--load-extension=${o.extensionDir}`,
      // Newer Chromium builds ignore --load-extension unless this feature is off.
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--no-first-run',
      '--no-default-browser-check',
      o.url,
    ],
    logFile: join(o.logDir, 'chromium.log'),
  });
}
