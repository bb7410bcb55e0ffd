/**
 * A throw-away certificate authority and a server certificate for the TLS tests, made with
 * the openssl command line (P-256, valid two days, subjectAltName IP:127.0.0.1 and
 * DNS:localhost). Clients trust `ca` explicitly; nothing is installed system-wide.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TlsFiles = { caFile: string; certFile: string; keyFile: string; ca: Buffer };

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Writes `<prefix>ca.crt`, `<prefix>server.crt` and `<prefix>server.key` into `dir`. */
export function makeTlsFiles(dir: string, prefix = ''): TlsFiles {
  const f = (name: string) => join(dir, `${prefix}${name}`);
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=trine-test-ca',
  ]);
  openssl(['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost']);
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.crt'),
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
  ]);
  return {
    caFile: f('ca.crt'),
    certFile: f('server.crt'),
    keyFile: f('server.key'),
    ca: readFileSync(f('ca.crt')),
  };
}
