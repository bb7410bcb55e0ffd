/**
 * The provider's RS256 signing key, generated once and kept in `<data>/oidc-jwks.json`
 * (mode 0600) so that restarts keep the key ids that nodes have cached. Tests read the
 * private JWK from that file to forge tokens for negative cases.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { TrineError } from '../errors/index.ts';

export type PrivateJwks = { keys: JWK[] };

export const jwksPath = (dataDir: string) => join(dataDir, 'oidc-jwks.json');

export async function loadOrCreateJwks(dataDir: string): Promise<PrivateJwks> {
  const file = jwksPath(dataDir);
  if (existsSync(file)) {
    let jwks: unknown;
    try {
      jwks = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      jwks = undefined;
    }
    if (!isPrivateJwks(jwks)) {
      throw new TrineError({
        code: 'invalid-input',
        message: `${file} is not a private JWKS; delete it and restart to generate a new signing key`,
        details: { field: 'jwks' },
      });
    }
    return jwks;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const key: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify({ keys: [key] }, null, 2)}\n`, { mode: 0o600 });
  return { keys: [key] };
}

function isPrivateJwks(value: unknown): value is PrivateJwks {
  const keys = (value as { keys?: unknown } | undefined)?.keys;
  return (
    Array.isArray(keys) && keys.length > 0 && keys.every((k) => typeof k?.d === 'string' && k.kty === 'RSA')
  );
}
