/**
 * TLS served directly by a node or the metadata server: `--tls-cert <pem> --tls-key <pem>`.
 * Both or neither: one alone, an unreadable file, a PEM that does not parse, or a key that
 * is not the certificate's stops the server at start-up with a message naming the flag and
 * the file (never the key's bytes). The certificate file may hold the chain (leaf first).
 * Without the flags the server speaks plain HTTP: on loopback behind a TLS-terminating
 * proxy (then name the proxy with `--trust-proxy`), or in tests.
 *
 * @example
 * const tls = loadTls({ cert: 'node.crt', key: 'node.key' }); // undefined when neither flag is given
 * createHttpServer({ ..., ...(tls ? { tls } : {}) });
 */

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { invalidInput } from '../errors/index.ts';

/** What `https.createServer` needs: PEM bytes of the certificate chain and of its private key. */
export type TlsMaterial = { cert: Buffer; key: Buffer };

export type LoadTlsParameters = { cert?: string | undefined; key?: string | undefined };

function readPem(flag: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw invalidInput(flag, `cannot read ${file}`);
  }
}

/** Reads and checks the certificate and key files; undefined when neither flag is given. */
export function loadTls(p: LoadTlsParameters): TlsMaterial | undefined {
  if (p.cert === undefined && p.key === undefined) return undefined;
  if (p.cert === undefined)
    throw invalidInput('--tls-cert', 'required with --tls-key (give both or neither)');
  if (p.key === undefined) throw invalidInput('--tls-key', 'required with --tls-cert (give both or neither)');
  const cert = readPem('--tls-cert', p.cert);
  const key = readPem('--tls-key', p.key);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    throw invalidInput('--tls-cert', `${p.cert} is not a PEM certificate`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw invalidInput('--tls-key', `${p.key} is not a PEM private key (an encrypted key is not supported)`);
  }
  if (!leaf.checkPrivateKey(privateKey))
    throw invalidInput('--tls-key', `${p.key} is not the private key of the certificate in ${p.cert}`);
  if (Date.parse(leaf.validTo) < Date.now())
    throw invalidInput('--tls-cert', `${p.cert} expired on ${leaf.validTo}`);
  try {
    createSecureContext({ cert, key }); // what the server will do; fails here instead of on the first client
  } catch (error) {
    throw invalidInput(
      '--tls-cert',
      `${p.cert} and ${p.key} are refused by OpenSSL: ${(error as Error).message}`,
    );
  }
  return { cert, key };
}
