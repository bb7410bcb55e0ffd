/**
 * Creates a local Trine network: `<dir>/network.json` (public, see `network.ts`) and one
 * secrets file per node plus one for the metadata server, each readable only by its owner
 * (mode 0600). Refuses to overwrite an existing network unless `force` is set, because the
 * node keys are what the stored sub-shares are encrypted under.
 *
 * @example
 * npm run network:init -- --dir data/local --nodes 5 --threshold 3
 * await initNetwork({ dir: '/tmp/net', nodes: 3, threshold: 2, basePort: 9201, metadataPort: 9300 });
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TrineError } from '../errors/index.ts';
import type { MetadataSecrets, NetworkConfig, NodeSecrets, Verifier } from './network.ts';
import { parseNetworkConfig } from './network.ts';

export type InitNetworkParameters = {
  dir: string;
  nodes: number;
  threshold: number;
  basePort: number;
  metadataPort: number;
  /** Host in the node and metadata URLs; 127.0.0.1 by default. */
  host?: string;
  /** Trusted OpenID issuers; the local development provider by default. */
  verifiers?: Verifier[];
  /** Overwrite an existing network (its stored shares become unreadable). */
  force?: boolean;
};

export type InitNetworkReturnType = {
  networkFile: string;
  nodeSecretsFiles: string[];
  metadataSecretsFile: string;
  network: NetworkConfig;
};

export const defaultVerifiers: Verifier[] = [
  { name: 'trine-dev', issuer: 'http://localhost:9400', audiences: ['trine-extension'], subjectClaim: 'sub' },
];

/** Path of node `index`'s secrets file inside a network directory. */
export const nodeSecretsPath = (dir: string, index: number) => join(dir, `node-${index}.secrets.json`);
export const metadataSecretsPath = (dir: string) => join(dir, 'metadata.secrets.json');
export const networkPath = (dir: string) => join(dir, 'network.json');

export function initNetwork(parameters: InitNetworkParameters): InitNetworkReturnType {
  const { dir, nodes, threshold, basePort, metadataPort, force = false } = parameters;
  const host = parameters.host ?? '127.0.0.1';
  const networkFile = networkPath(dir);
  if (existsSync(networkFile) && !force) {
    throw new TrineError({
      code: 'invalid-input',
      message: `${networkFile} already exists; pass --force to replace it (its stored shares become unreadable)`,
      details: { field: 'dir' },
    });
  }
  const nodeKeys = Array.from({ length: nodes }, () => ({ signing: ed25519(), encryption: x25519() }));
  const metadataKey = ed25519();
  // Validate before touching the disk: bad counts or URLs change nothing.
  const network = parseNetworkConfig({
    version: 1,
    threshold,
    nodes: nodeKeys.map((k, i) => ({
      index: i + 1,
      url: `http://${host}:${basePort + i}`,
      signingKey: k.signing.pub,
      encryptionKey: k.encryption.pub,
    })),
    metadata: { url: `http://${host}:${metadataPort}`, signingKey: metadataKey.pub },
    verifiers: parameters.verifiers ?? defaultVerifiers,
  } satisfies NetworkConfig);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const networkSalt = randomHex();
  const nodeSecretsFiles = nodeKeys.map((k, i) => {
    const secrets: NodeSecrets = {
      index: i + 1,
      signingKey: k.signing.seed,
      encryptionKey: k.encryption.seed,
      storageKey: randomHex(),
      networkSalt,
    };
    return writeSecret(nodeSecretsPath(dir, i + 1), secrets);
  });
  const metadataSecrets: MetadataSecrets = { signingKey: metadataKey.seed };
  const metadataSecretsFile = writeSecret(metadataSecretsPath(dir), metadataSecrets);
  // network.json last: its presence means the directory is complete.
  writeFileSync(networkFile, `${JSON.stringify(network, null, 2)}\n`);
  return { networkFile, nodeSecretsFiles, metadataSecretsFile, network };
}

function writeSecret(file: string, value: object): string {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // mode is ignored when the file already existed
  return file;
}

const randomHex = () => randomBytes(32).toString('hex');
const b64uToHex = (value: string | undefined) => Buffer.from(value ?? '', 'base64url').toString('hex');

function ed25519() {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { seed: b64uToHex(jwk.d), pub: b64uToHex(jwk.x) };
}

function x25519() {
  const jwk = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  return { seed: b64uToHex(jwk.d), pub: b64uToHex(jwk.x) };
}

function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string', default: 'data/local' },
      nodes: { type: 'string', default: '5' },
      threshold: { type: 'string', default: '3' },
      'base-port': { type: 'string', default: '9201' },
      'metadata-port': { type: 'string', default: '9300' },
      host: { type: 'string', default: '127.0.0.1' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'verifier-name': { type: 'string', default: 'trine-dev' },
      force: { type: 'boolean', default: false },
    },
  });
  const verifiers: Verifier[] | undefined = values.issuer
    ? [
        {
          name: values['verifier-name'],
          issuer: values.issuer,
          audiences: [values['client-id'] ?? 'trine-extension'],
          subjectClaim: 'sub',
        },
      ]
    : undefined;
  const result = initNetwork({
    dir: resolve(values.dir),
    nodes: Number(values.nodes),
    threshold: Number(values.threshold),
    basePort: Number(values['base-port']),
    metadataPort: Number(values['metadata-port']),
    host: values.host,
    force: values.force,
    ...(verifiers ? { verifiers } : {}),
  });
  console.info(
    `network of ${result.network.nodes.length} nodes (threshold ${result.network.threshold}) written to ${result.networkFile}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('init-network.ts')) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`network:init: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
