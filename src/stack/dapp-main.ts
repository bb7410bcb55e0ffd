/**
 * Serves the demo dApp page: `tsx src/stack/dapp-main.ts --port 8080 --root demo`.
 */
import { parseArgs } from 'node:util';
import { createStaticServer } from './static-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    root: { type: 'string', default: 'demo' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const server = createStaticServer(values.root);
server.listen(Number(values.port), values.host, () => {
  console.info(`demo dApp on http://localhost:${values.port}/`);
});
const close = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
