import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex } from '../../../src/crypto/bytes.ts';
import { N, scalarToBytes } from '../../../src/crypto/scalar.ts';
import { decodeSharePair, encodeSharePair } from '../../../src/crypto/sharePair.ts';
import { expectTrine } from './helpers.ts';

describe('share pair encoding (f(i) ‖ g(i), 64 bytes)', () => {
  it('round-trips any pair of scalars in [0, n−1]', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, N - 1n), fc.bigInt(0n, N - 1n), (f, g) => {
        const bytes = encodeSharePair({ f, g });
        expect(bytes).toHaveLength(64);
        expect(decodeSharePair(bytes)).toEqual({ f, g });
      }),
    );
  });

  it('is two 32-byte big-endian numbers, f first', () => {
    expect(encodeSharePair({ f: 1n, g: 258n })).toEqual(
      fromHex(`${'00'.repeat(31)}01${'00'.repeat(30)}0102`),
    );
  });

  it('refuses a wrong length or a value ≥ n with a typed error', () => {
    for (const length of [0, 32, 63, 65])
      expectTrine(() => decodeSharePair(new Uint8Array(length)), 'invalid-input');
    expectTrine(
      () => decodeSharePair(concatBytes(scalarToBytes(1n), new Uint8Array(32).fill(0xff))),
      'invalid-input',
    );
    expectTrine(
      () => decodeSharePair(concatBytes(fromHex(N.toString(16)), scalarToBytes(1n))),
      'invalid-input',
    );
    expect(() => encodeSharePair({ f: N, g: 1n })).toThrow(RangeError);
    expect(() => decodeSharePair('00' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
