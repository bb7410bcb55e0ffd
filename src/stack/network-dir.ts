/**
 * Reads and checks a network data directory before any service is started, so a corrupt
 * or half-written directory is reported once, with the fix, instead of as N crashing nodes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { metadataSecretsPath, networkPath, nodeSecretsPath } from '../config/init-network.ts';
import { MetadataSecrets, type NetworkConfig, NodeSecrets, parseNetworkConfig } from '../config/network.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import { parse } from '../protocol/parse.ts';

/** Loads `<dir>/network.json` and checks every secrets file it implies exists and is well formed. */
export function loadNetworkDir(dir: string): NetworkConfig {
  const network = readJson(networkPath(dir), dir, (json) => parseNetworkConfig(json));
  for (const node of network.nodes) {
    const secrets = readJson(nodeSecretsPath(dir, node.index), dir, (json) =>
      parse(NodeSecrets, json, `node-${node.index} secrets`),
    );
    if (secrets.index !== node.index) {
      throw corrupt(dir, `${nodeSecretsPath(dir, node.index)} belongs to node ${secrets.index}`);
    }
  }
  readJson(metadataSecretsPath(dir), dir, (json) => parse(MetadataSecrets, json, 'metadata secrets'));
  return network;
}

function readJson<T>(file: string, dir: string, check: (json: unknown) => T): T {
  if (!existsSync(file)) throw corrupt(dir, `${file} is missing`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw corrupt(dir, `${file} is not valid JSON`);
  }
  try {
    return check(json);
  } catch (error) {
    // The field name only: secrets files must never be echoed.
    throw corrupt(dir, `${file} is invalid (${isTrineError(error) ? error.message : 'unreadable'})`);
  }
}

function corrupt(dir: string, problem: string): TrineError {
  return new TrineError({
    code: 'invalid-input',
    message:
      `the network data directory ${dir} is corrupt: ${problem}. ` +
      `Restore it from a backup, or create a new network with \`npm run network:init -- --dir ${dir} --force\` ` +
      '(wallets registered on the old network become unreachable).',
    details: { field: 'dataDir', dir },
  });
}
