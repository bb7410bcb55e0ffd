/**
 * A throw-away certificate authority for tests over HTTPS: one CA and one server
 * certificate per IP address (subjectAltName IP, serverAuth, valid two days), made with
 * the `openssl` command into `dir`. Node's clients trust it through
 * `NODE_EXTRA_CA_CERTS=<caFile>` (or `ca:`), Chromium through
 * `--ignore-certificate-errors-spki-list=<spki>` with the hashes given here (base64
 * SHA-256 of each certificate's SubjectPublicKeyInfo, the form that flag takes; Chromium
 * needs the server certificates' hashes, the CA's alone does not do).
 *
 * The keys are test keys in a test directory; nothing here is a wallet secret.
 *
 * @example
 * const ca = makeTestCa(dir, ['10.213.0.10', '10.213.0.11']);
 * ca.server('10.213.0.10'); // { cert, key } file paths
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TestCa = {
  caFile: string;
  /** SPKI hashes of the CA and every server certificate, for Chromium's allow-list. */
  spkiHashes: string[];
  server(address: string): { cert: string; key: string };
};

export function makeTestCa(dir: string, addresses: string[]): TestCa {
  for (const address of addresses)
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) throw new RangeError(`not an IPv4 address: '${address}'`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caFile = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    ...['req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '2'],
    ...['-subj', '/CN=Trine multi-host test CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  );
  const servers = new Map<string, { cert: string; key: string }>();
  for (const address of addresses) {
    const cert = join(dir, `${address}.pem`);
    const key = join(dir, `${address}.key`);
    const request = join(dir, `${address}.csr`);
    const extensions = join(dir, `${address}.ext`);
    writeFileSync(
      extensions,
      `subjectAltName=IP:${address}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n`,
    );
    openssl('req', ...ec, '-keyout', key, '-out', request, '-subj', `/CN=${address}`);
    openssl(
      ...['x509', '-req', '-in', request, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial'],
      ...['-out', cert, '-days', '2', '-extfile', extensions],
    );
    servers.set(address, { cert, key });
  }
  const spki = (file: string) =>
    createHash('sha256')
      .update(new X509Certificate(readFileSync(file)).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
  return {
    caFile,
    spkiHashes: [caFile, ...[...servers.values()].map((s) => s.cert)].map(spki),
    server: (address) => {
      const found = servers.get(address);
      if (found === undefined) throw new RangeError(`no certificate for ${address}`);
      return found;
    },
  };
}

function openssl(...args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`openssl ${args[0]} failed (is openssl installed?): ${stderr || String(error)}`);
  }
}
