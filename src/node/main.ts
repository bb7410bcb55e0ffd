/**
 * Runs one key-holding node:
 *   tsx src/node/main.ts --network <dir>/network.json --secrets <dir>/node-<j>.secrets.json
 *     --store <sqlite:<file> | postgres://…?schema=<name>> --port <p> [--host 127.0.0.1]
 *     [--address-rate <req/s>] [--identity-rate <logins/s>] [--token-uses <n>] [--max-token-age <s>]
 *     [--trust-proxy <ip>[,<ip>…]]
 * The secrets may instead be given as JSON in TRINE_NODE_SECRETS. docs/NODE.md explains
 * operating a node in production.
 */
import { parseArgs } from 'node:util';
import { parseTrustedProxies } from '../server/clientAddress.ts';
import { startNode, startupMessage } from './start.ts';

const { values } = parseArgs({
  options: {
    network: { type: 'string' },
    secrets: { type: 'string' },
    store: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'address-rate': { type: 'string' },
    'identity-rate': { type: 'string' },
    'max-token-age': { type: 'string' },
    'token-uses': { type: 'string' },
    'trust-proxy': { type: 'string' },
  },
});

const rate = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--${name}: expected a positive number`);
  return n;
};

try {
  if (!values.network) throw new Error('--network <network.json> is required');
  if (!values.store) throw new Error('--store <sqlite:<file> | postgres://…> is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port <0-65535> is required');
  const addressRate = rate('address-rate', values['address-rate']);
  const identityRate = rate('identity-rate', values['identity-rate']);
  const maxTokenAgeS = rate('max-token-age', values['max-token-age']);
  const tokenUses = rate('token-uses', values['token-uses']);
  const trustedProxies = parseTrustedProxies(values['trust-proxy']);
  const node = await startNode({
    networkFile: values.network,
    ...(values.secrets ? { secretsFile: values.secrets } : {}),
    store: values.store,
    port,
    host: values.host,
    ...(addressRate ? { addressRate } : {}),
    ...(identityRate ? { identityRate } : {}),
    ...(maxTokenAgeS ? { maxTokenAgeS } : {}),
    ...(tokenUses ? { tokenUses } : {}),
    ...(trustedProxies.size > 0 ? { trustedProxies } : {}),
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
