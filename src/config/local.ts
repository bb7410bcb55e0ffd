/**
 * The local stack's settings (`config/local.json`): every port and address that npm start
 * and the tests use. One file, so a port is changed in one place.
 *
 * @example
 * const local = loadLocalConfig();
 * local.nodes.basePort; // 9201
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { TrineError } from '../errors/index.ts';
import { int, parse } from '../protocol/parse.ts';

const port = int(1, 65535);

export const LocalConfig = v.object({
  dataDir: v.string(),
  host: v.string(),
  oidc: v.object({ port, issuer: v.pipe(v.string(), v.url()), clientId: v.string() }),
  chain: v.object({ port, chainId: int(1, 2 ** 32), name: v.string() }),
  metadata: v.object({ port }),
  nodes: v.object({ count: int(1, 1000), threshold: int(1, 1000), basePort: port }),
  dapp: v.object({ port }),
  extension: v.object({ id: v.pipe(v.string(), v.regex(/^[a-p]{32}$/)), geckoId: v.string() }),
});
export type LocalConfig = v.InferOutput<typeof LocalConfig>;

/** Repository root (the folder holding package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadLocalConfig(file = join(repoRoot, 'config', 'local.json')): LocalConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new TrineError({ code: 'invalid-input', message: `${file} is not readable JSON`, cause });
  }
  return parse(LocalConfig, json, 'config/local.json');
}
