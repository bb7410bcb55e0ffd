/**
 * Runs the development OpenID provider:
 * `tsx src/oidc/main.ts --port 9400 --issuer http://localhost:9400 --data data/local/oidc
 *   [--redirect-uri http://localhost:8080/callback]... [--ttl 600] [--session-ttl 86400]`
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createDevProvider } from './provider.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9400' },
    host: { type: 'string', default: '127.0.0.1' },
    issuer: { type: 'string' },
    data: { type: 'string', default: 'data/local/oidc' },
    'client-id': { type: 'string', default: 'trine-extension' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    ttl: { type: 'string' },
    'session-ttl': { type: 'string' },
  },
});
const port = Number(values.port);
const issuer = values.issuer ?? `http://localhost:${port}`;

try {
  const provider = await createDevProvider({
    issuer,
    dataDir: values.data,
    clientId: values['client-id'],
    redirectUris: values['redirect-uri'],
    ...(values.ttl ? { idTokenTtl: Number(values.ttl) } : {}),
    ...(values['session-ttl'] ? { sessionTtl: Number(values['session-ttl']) } : {}),
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc server error:', error.message));
  const server = createServer(provider.callback());
  server.listen(port, values.host, () =>
    console.info(`OpenID provider ${issuer} listening on ${values.host}:${port}`),
  );
  const close = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
} catch (error) {
  console.error(`oidc: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
