/**
 * The TLS front as a process, started inside a host's namespace by the multi-host stack:
 *   node --import tsx src/stack/multihost/tlsFront-main.ts --listen 10.213.0.10:12201
 *     --to http://127.0.0.1:12201 --cert <file> --key <file> [--delay-ms 2000]
 * Prints one JSON line `{"msg":"listening","url":…}` once it accepts connections; SIGTERM
 * closes it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startTlsFront } from './tlsFront.ts';

const { values } = parseArgs({
  options: {
    listen: { type: 'string' },
    to: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'delay-ms': { type: 'string', default: '0' },
  },
});

try {
  const listen = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(values.listen ?? '');
  if (!listen) throw new Error('--listen <ipv4>:<port> is required');
  if (!values.to || !values.cert || !values.key) throw new Error('--to, --cert and --key are required');
  const front = await startTlsFront({
    host: listen[1] ?? '',
    port: Number(listen[2]),
    target: values.to,
    cert: readFileSync(values.cert),
    key: readFileSync(values.key),
    delayMs: Number(values['delay-ms']),
  });
  console.info(
    JSON.stringify({ msg: 'listening', url: front.url, to: values.to, delayMs: Number(values['delay-ms']) }),
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void front.close().then(() => process.exit(0)));
} catch (error) {
  console.error(`tls-front: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
