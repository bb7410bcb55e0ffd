/**
 * The layer fence in biome.json: popup, pages, content, in-page and shared UI code may not
 * import src/crypto, src/wallet or the background's key-holding code. Proven by running the
 * real biome binary on a probe file placed in each of those folders (removed afterwards):
 * a forbidden import fails naming the rule, an allowed one passes. Also: the passkey page's
 * PRF salt constant is the one the background derives factor keys with.
 */
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { prfSalt } from '../../../src/crypto/factors/prf.ts';
import { passkeyPrfSalt } from '../../../src/messages/passkeySalt.ts';

const root = join(import.meta.dirname, '../../..');
const biome = join(root, 'node_modules/.bin/biome');
const probes: string[] = [];

afterEach(async () => {
  await Promise.all(probes.splice(0).map((file) => rm(file, { force: true })));
});

/** Lints `source` as a file in `folder`; the exit code and what biome said. */
async function lintAt(folder: string, source: string): Promise<{ failed: boolean; output: string }> {
  const file = join(root, folder, `zz-layer-probe-${process.pid}-${probes.length}.ts`);
  probes.push(file);
  await writeFile(file, source);
  try {
    const { stdout, stderr } = await promisify(execFile)(biome, ['lint', '--colors=off', file], {
      cwd: root,
    });
    return { failed: false, output: stdout + stderr };
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return { failed: true, output: stdout + stderr };
  }
}

const importing = (depth: number, path: string) =>
  `import * as probe from '${'../'.repeat(depth)}${path}';\nexport const used = probe;\n`;

describe('the layer fence (biome noRestrictedImports)', () => {
  const folders: [string, number][] = [
    ['extension/popup', 2],
    ['extension/pages/onboarding', 3],
    ['extension/content', 2],
    ['extension/inpage', 2],
    ['extension/shared/ui', 3],
  ];

  it.each(folders)('%s may not import src/crypto', async (folder, depth) => {
    const { failed, output } = await lintAt(folder, importing(depth, 'src/crypto/bytes.ts'));
    expect(failed).toBe(true);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain('never hold keys: no src/crypto here');
  });

  it.each([
    ['src/wallet/session.ts', 'no src/wallet here'],
    ['src/extension/keyring.ts', 'for the service worker only'],
    ['src/extension/session/sessionState.ts', 'for the service worker only'],
    ['src/extension/procedures/walletExportKey.ts', 'for the service worker only'],
  ])('the popup may not import %s', async (path, says) => {
    const { failed, output } = await lintAt('extension/popup', importing(2, path));
    expect(failed).toBe(true);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain(says);
  });

  it('allows the message contracts and the error tree', async () => {
    const source = `${importing(2, 'src/messages/wallet.ts')}import { TrineError } from '../../src/errors/index.ts';\nexport const e = TrineError;\n`;
    const { failed, output } = await lintAt('extension/popup', source);
    expect(output).not.toContain('noRestrictedImports');
    expect(failed).toBe(false);
  });

  it('does not fence the background, which holds the key', async () => {
    const { failed, output } = await lintAt('extension/background', importing(2, 'src/crypto/bytes.ts'));
    expect(output).not.toContain('noRestrictedImports');
    expect(failed).toBe(false);
  });
});

describe('the passkey page needs no crypto code', () => {
  it('its PRF salt constant is the one factor keys are derived with', () => {
    expect(passkeyPrfSalt()).toEqual(prfSalt());
  });
});
