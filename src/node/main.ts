/**
 * Runs one key-holding node:
 *   tsx src/node/main.ts --network <dir>/network.json --secrets <dir>/node-<j>.secrets.json
 *     --store <sqlite:<file> | postgres://…?schema=<name>> --port <p> [--host 127.0.0.1]
 *     [--address-rate <req/s>] [--identity-rate <logins/s>] [--token-uses <n>] [--max-token-age <s>]
 *     [--trust-proxy <ip>[,<ip>…]] [--tls-cert <pem> --tls-key <pem>]
 * The secrets may instead be given as JSON in TRINE_NODE_SECRETS. Flags are named as the
 * metadata server's (src/server/flags.ts). docs/NODE.md explains operating a node in production.
 */
import { parseTrustedProxies } from '../server/clientAddress.ts';
import { parseFlags, positiveNumber } from '../server/flags.ts';
import { loadTls } from '../server/tls.ts';
import { startNode, startupMessage } from './start.ts';

try {
  const values = parseFlags(process.argv.slice(2), {
    network: {},
    secrets: {},
    store: {},
    port: {},
    host: { default: '127.0.0.1' },
    'address-rate': {},
    'identity-rate': {},
    'max-token-age': {},
    'token-uses': {},
    'trust-proxy': {},
    'tls-cert': {},
    'tls-key': {},
  });
  if (!values.network) throw new Error('--network <network.json> is required');
  if (!values.store) throw new Error('--store <sqlite:<file> | postgres://…> is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port <0-65535> is required');
  const addressRate = positiveNumber('address-rate', values['address-rate']);
  const identityRate = positiveNumber('identity-rate', values['identity-rate']);
  const maxTokenAgeS = positiveNumber('max-token-age', values['max-token-age']);
  const tokenUses = positiveNumber('token-uses', values['token-uses']);
  const trustedProxies = parseTrustedProxies(values['trust-proxy']);
  const tls = loadTls({ cert: values['tls-cert'], key: values['tls-key'] });
  const node = await startNode({
    networkFile: values.network,
    ...(values.secrets ? { secretsFile: values.secrets } : {}),
    store: values.store,
    port,
    host: values.host ?? '127.0.0.1',
    ...(addressRate ? { addressRate } : {}),
    ...(identityRate ? { identityRate } : {}),
    ...(maxTokenAgeS ? { maxTokenAgeS } : {}),
    ...(tokenUses ? { tokenUses } : {}),
    ...(trustedProxies.size > 0 ? { trustedProxies } : {}),
    ...(tls ? { tls } : {}),
  });
  const shutdown = () => {
    node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(1), 5_000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
} catch (error) {
  console.error(`node: cannot start: ${startupMessage(error)}`);
  process.exit(1);
}
