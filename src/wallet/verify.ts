import { toHex } from '../crypto/bytes.ts';
import { publicOf } from '../crypto/scalar.ts';
import { TrineError } from '../errors/index.ts';
import type { KeyMaterial } from './material.ts';

/**
 * After rebuilding: k·G must equal K and m·G must equal M (K and M as t nodes agreed on).
 * This is the check that catches a substituted factor share or network share.
 */
export function assertRebuilt(material: KeyMaterial, K: string, M: string): void {
  if (toHex(publicOf(material.k).toBytes(true)) !== K || toHex(publicOf(material.m).toBytes(true)) !== M)
    throw new TrineError({
      code: 'key-mismatch',
      message:
        'the rebuilt key does not match the wallet: a share was wrong or the factor belongs to another wallet',
    });
}
