/** Device keys (random) and imported keys ("bring your own factor"). */

import { secp256k1 } from '@noble/curves/secp256k1.js';
import { TrineError } from '../../errors/index.ts';
import { abytes } from '../bytes.ts';
import { randomScalar, scalarFromBytes, scalarToBytes } from '../scalar.ts';

/** A fresh random device factor key. */
export function generateDeviceKey(): Uint8Array {
  return scalarToBytes(randomScalar());
}

/** Accept any 32-byte valid scalar; 0 or ≥ n is refused with a clear error. */
export function importFactorKey(bytes: Uint8Array): Uint8Array {
  abytes(bytes, 32, 'imported key');
  try {
    scalarFromBytes(bytes, 'imported key');
  } catch {
    throw new TrineError({
      code: 'invalid-input',
      message: 'imported key: must be a number between 1 and n−1',
    });
  }
  return bytes.slice();
}

/** The factor's public key (33 bytes compressed): where its share is filed. */
export function factorPublicKey(factorKey: Uint8Array): Uint8Array {
  abytes(factorKey, 32, 'factorKey');
  return secp256k1.getPublicKey(factorKey, true);
}
