/**
 * The metadata server process.
 *
 *   tsx src/metadata/main.ts --network <dir>/network.json --secrets <dir>/metadata.secrets.json \
 *     --store sqlite:<file> | postgres://user@host:port/db[?schema=name] --port 9300 [--host 127.0.0.1] \
 *     [--rate-address 200] [--rate-user 20] [--pool-size 10] [--trust-proxy <ip>[,<ip>…]]
 *
 * Logs one JSON line per event on stdout (`listening` once ready); SIGTERM/SIGINT close the
 * listener, let requests in flight finish, then close the store.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ed25519 } from '@noble/curves/ed25519.js';
import { MetadataSecrets, type NetworkConfig, parseNetworkConfig } from '../config/network.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { importEd25519Signer } from '../crypto/signature.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import { parse } from '../protocol/parse.ts';
import { parseTrustedProxies } from '../server/clientAddress.ts';
import { listen } from '../server/http.ts';
import { createLogger } from '../server/log.ts';
import { createMetadataServer, DEFAULT_RATE_PER_ADDRESS, DEFAULT_RATE_PER_USER } from './server.ts';
import { openStore } from './store/open.ts';

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new TrineError({ code: 'invalid-input', message: `${what}: cannot read JSON from ${file}` });
  }
}

/** The receipt key, checked against the public key the network config publishes. */
async function loadSigner(network: NetworkConfig, secretsFile: string): Promise<CryptoKey> {
  const secrets = parse(MetadataSecrets, readJson(secretsFile, '--secrets'), 'metadata secrets');
  const seed = fromHex(secrets.signingKey, 32);
  const publicKey = ed25519.getPublicKey(seed);
  if (toHex(publicKey) !== network.metadata.signingKey)
    throw new TrineError({
      code: 'invalid-input',
      message: `${secretsFile} does not hold the metadata signing key published in the network config`,
    });
  const signer = await importEd25519Signer(seed, publicKey);
  seed.fill(0);
  return signer;
}

function number(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new TrineError({ code: 'invalid-input', message: `${flag}: expected a non-negative integer` });
  return n;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      network: { type: 'string' },
      secrets: { type: 'string' },
      store: { type: 'string' },
      port: { type: 'string', default: '9300' },
      host: { type: 'string', default: '127.0.0.1' },
      'rate-address': { type: 'string', default: String(DEFAULT_RATE_PER_ADDRESS) },
      'rate-user': { type: 'string', default: String(DEFAULT_RATE_PER_USER) },
      'pool-size': { type: 'string', default: '10' },
      'trust-proxy': { type: 'string' },
    },
  });
  if (!values.network || !values.secrets || !values.store)
    throw new TrineError({ code: 'invalid-input', message: '--network, --secrets and --store are required' });
  const trustedProxies = parseTrustedProxies(values['trust-proxy']);
  const log = createLogger('metadata');
  const network = parseNetworkConfig(readJson(values.network, '--network'));
  const receiptSigner = await loadSigner(network, values.secrets);
  const store = await openStore(values.store, { poolSize: number(values['pool-size'], '--pool-size') });
  const server = createMetadataServer({
    network,
    store,
    receiptSigner,
    log,
    ratePerAddress: number(values['rate-address'], '--rate-address'),
    ratePerUser: number(values['rate-user'], '--rate-user'),
    trustedProxies,
  });
  const url = await listen(server, number(values.port, '--port'), values.host);
  log.info('listening', { url, backend: store.backend, pid: process.pid });

  const shutdown = (signal: string) => {
    log.info('stopping', { signal });
    server.close(() => {
      store.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // messages of our own errors name fields and files, never secret values
  const message = isTrineError(error)
    ? error.message
    : error instanceof Error
      ? error.message
      : String(error);
  console.error(`metadata: ${message}`);
  process.exit(1);
});
