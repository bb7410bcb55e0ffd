/**
 * The metadata server process.
 *
 *   tsx src/metadata/main.ts --network <dir>/network.json --secrets <dir>/metadata.secrets.json \
 *     --store sqlite:<file> | postgres://user@host:port/db[?schema=name] --port 9300 [--host 127.0.0.1] \
 *     [--address-rate 200] [--user-rate 20] [--pool-size 10] [--trust-proxy <ip>[,<ip>…]] \
 *     [--tls-cert <pem> --tls-key <pem>]
 *
 * Flags are named as the node's (src/server/flags.ts); `--rate-address` and `--rate-user`
 * are accepted as deprecated spellings of `--address-rate` and `--user-rate`.
 *
 * Logs one JSON line per event on stdout (`listening` once ready); SIGTERM/SIGINT close the
 * listener, let requests in flight finish, then close the store.
 */
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { MetadataSecrets, type NetworkConfig, parseNetworkConfig } from '../config/network.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { importEd25519Signer } from '../crypto/signature.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import { parse } from '../protocol/parse.ts';
import { parseTrustedProxies } from '../server/clientAddress.ts';
import { nonNegativeInteger, parseFlags } from '../server/flags.ts';
import { listen } from '../server/http.ts';
import { createLogger } from '../server/log.ts';
import { loadTls } from '../server/tls.ts';
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

/** The deprecated spellings of flags, and their names now (shared with the node). */
const DEPRECATED_FLAGS = { 'rate-address': 'address-rate', 'rate-user': 'user-rate' } as const;

const number = (name: string, value: string | undefined) => nonNegativeInteger(name, value) as number;

async function main(argv: string[]): Promise<void> {
  const values = parseFlags(
    argv,
    {
      network: {},
      secrets: {},
      store: {},
      port: { default: '9300' },
      host: { default: '127.0.0.1' },
      'address-rate': { default: String(DEFAULT_RATE_PER_ADDRESS) },
      'user-rate': { default: String(DEFAULT_RATE_PER_USER) },
      'pool-size': { default: '10' },
      'trust-proxy': {},
      'tls-cert': {},
      'tls-key': {},
    },
    DEPRECATED_FLAGS,
  );
  if (!values.network || !values.secrets || !values.store)
    throw new TrineError({ code: 'invalid-input', message: '--network, --secrets and --store are required' });
  const ratePerAddress = number('address-rate', values['address-rate']);
  const ratePerUser = number('user-rate', values['user-rate']);
  const poolSize = number('pool-size', values['pool-size']);
  const port = number('port', values.port);
  const tls = loadTls({ cert: values['tls-cert'], key: values['tls-key'] });
  const trustedProxies = parseTrustedProxies(values['trust-proxy']);
  const log = createLogger('metadata');
  const network = parseNetworkConfig(readJson(values.network, '--network'));
  const receiptSigner = await loadSigner(network, values.secrets);
  const store = await openStore(values.store, { poolSize });
  const server = createMetadataServer({
    network,
    store,
    receiptSigner,
    log,
    ratePerAddress,
    ratePerUser,
    trustedProxies,
    ...(tls ? { tls } : {}),
  });
  const url = await listen(server, port, values.host);
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
