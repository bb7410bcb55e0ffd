import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey, importFactorKey } from '../../../../src/crypto/factors/keys.ts';
import { N, scalarFromBytes, scalarToBytes } from '../../../../src/crypto/scalar.ts';
import { expectTrine } from '../helpers.ts';

const bytesOf = (s: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, s >>= 8n) out[i] = Number(s & 0xffn);
  return out;
};

describe('device and imported factor keys', () => {
  it('device keys are fresh valid scalars', () => {
    const keys = Array.from({ length: 50 }, generateDeviceKey);
    expect(new Set(keys.map(toHex)).size).toBe(50);
    for (const k of keys) expect(scalarFromBytes(k) > 0n).toBe(true);
  });

  it('imports 1 and n−1 as they are, as a copy', () => {
    for (const s of [1n, N - 1n]) {
      const input = scalarToBytes(s);
      const key = importFactorKey(input);
      expect(toHex(key)).toBe(toHex(input));
      input[31]! ^= 1;
      expect(toHex(key)).not.toBe(toHex(input));
    }
  });

  it('rejects 0, n and values above n with a clear message', () => {
    for (const s of [0n, N, N + 1n, 2n ** 256n - 1n]) {
      const error = expectTrine(() => importFactorKey(bytesOf(s)), 'invalid-input');
      expect(error.message).toMatch(/between 1 and n−1/);
    }
  });

  it('rejects other lengths and types as misuse', () => {
    expect(() => importFactorKey(new Uint8Array(31))).toThrow(RangeError);
    expect(() => importFactorKey(new Uint8Array(33))).toThrow(RangeError);
    expect(() => importFactorKey('00'.repeat(32) as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('files a factor under its compressed public key', () => {
    const key = generateDeviceKey();
    expect(toHex(factorPublicKey(key))).toBe(toHex(secp256k1.getPublicKey(key, true)));
    expect(factorPublicKey(key)).toHaveLength(33);
  });
});
