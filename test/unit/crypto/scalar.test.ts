import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { hashToScalar } from '../../../src/crypto/hashToScalar.ts';
import {
  invert,
  mod,
  N,
  pointFromBytes,
  pointFromHex,
  pointToBytes,
  publicOf,
  randomScalar,
  scalarFromBytes,
  scalarToBytes,
} from '../../../src/crypto/scalar.ts';
import { expectTrine } from './helpers.ts';

describe('scalars mod n and points', () => {
  it('encode as 32 big-endian bytes and decode back in [1, n−1]', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, N - 1n), (s) => {
        expect(scalarFromBytes(scalarToBytes(s))).toBe(s);
        expect(mod(s * invert(s))).toBe(1n);
      }),
    );
    expect(() => scalarFromBytes(new Uint8Array(32))).toThrow(RangeError);
    expect(() => scalarFromBytes(scalarToBytes(N - 1n).map(() => 0xff))).toThrow(RangeError);
    expect(() => scalarToBytes(N)).toThrow(RangeError);
    expect(mod(-1n)).toBe(N - 1n);
  });

  it('random scalars are in range and distinct', () => {
    const xs = Array.from({ length: 20 }, randomScalar);
    expect(new Set(xs).size).toBe(20);
    for (const x of xs) expect(x > 0n && x < N).toBe(true);
  });

  it('points round-trip through compressed bytes and hex; invalid ones are refused', () => {
    const p = publicOf(42n);
    expect(pointFromBytes(pointToBytes(p)).equals(p)).toBe(true);
    expect(pointFromHex(toHex(pointToBytes(p)), 'K').equals(p)).toBe(true);
    expect(pointFromBytes(p.toBytes(false)).equals(p)).toBe(true);
    expect(() => pointFromBytes(new Uint8Array(33))).toThrow(RangeError);
    const offCurve = `02${'ff'.repeat(32)}`;
    expect(expectTrine(() => pointFromHex(offCurve, 'tss.K'), 'invalid-input').message).toMatch(/^tss\.K/);
    expectTrine(() => pointFromHex('02ab', 'K'), 'invalid-input');
    expectTrine(() => pointFromHex(toHex(pointToBytes(p)).toUpperCase(), 'K'), 'invalid-input');
  });

  it('hashToScalar lands in [1, n−1] and separates purposes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (ikm) => {
        const s = hashToScalar(ikm, 'trine:test:v1');
        expect(s >= 1n && s < N).toBe(true);
        expect(hashToScalar(ikm, 'trine:other:v1')).not.toBe(s);
      }),
    );
  });
});
