/**
 * loadTls: both files or neither; an unreadable file, a PEM that is not a certificate or a
 * key, and a key that is not the certificate's are refused naming the flag and the file,
 * never the key's bytes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { loadTls } from '../../../src/server/tls.ts';
import { makeTlsFiles, type TlsFiles } from '../../helpers/tlsFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'trine-tls-unit-'));
const a: TlsFiles = makeTlsFiles(dir, 'a-');
const b: TlsFiles = makeTlsFiles(dir, 'b-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(p: { cert?: string; key?: string }): { message: string; field: unknown } {
  try {
    loadTls(p);
  } catch (error) {
    if (!isTrineError(error, 'invalid-input')) throw error;
    return { message: error.message, field: error.details?.field };
  }
  throw new Error('loadTls accepted it');
}

describe('loadTls', () => {
  it('is off without both flags, and reads a matching certificate and key', () => {
    expect(loadTls({})).toBeUndefined();
    const tls = loadTls({ cert: a.certFile, key: a.keyFile })!;
    expect(tls.cert.equals(readFileSync(a.certFile))).toBe(true);
    expect(tls.key.equals(readFileSync(a.keyFile))).toBe(true);
  });

  it('refuses one flag alone, naming the missing one', () => {
    expect(refusal({ cert: a.certFile })).toEqual({
      message: '--tls-key: required with --tls-cert (give both or neither)',
      field: '--tls-key',
    });
    expect(refusal({ key: a.keyFile }).field).toBe('--tls-cert');
  });

  it('refuses unreadable and invalid files, naming flag and file', () => {
    expect(refusal({ cert: join(dir, 'absent.crt'), key: a.keyFile }).message).toBe(
      `--tls-cert: cannot read ${join(dir, 'absent.crt')}`,
    );
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n');
    expect(refusal({ cert: junk, key: a.keyFile }).message).toBe(
      `--tls-cert: ${junk} is not a PEM certificate`,
    );
    expect(refusal({ cert: a.certFile, key: junk }).message).toMatch(
      /^--tls-key: .* is not a PEM private key/,
    );
    // the certificate given as key, and the key given as certificate
    expect(refusal({ cert: a.keyFile, key: a.keyFile }).field).toBe('--tls-cert');
    expect(refusal({ cert: a.certFile, key: a.certFile }).field).toBe('--tls-key');
  });

  it("refuses a key that is not the certificate's, without printing the key", () => {
    const { message, field } = refusal({ cert: a.certFile, key: b.keyFile });
    expect(field).toBe('--tls-key');
    expect(message).toBe(
      `--tls-key: ${b.keyFile} is not the private key of the certificate in ${a.certFile}`,
    );
    const keyBody = readFileSync(b.keyFile, 'utf8').split('\n')[1]!;
    expect(message.includes(keyBody)).toBe(false);
  });
});
