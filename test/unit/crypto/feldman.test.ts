import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commit,
  decodeCommitments,
  invalidShares,
  publicAt,
  verifySecret,
  verifyShare,
} from '../../../src/crypto/feldman.ts';
import { mod, N, pointFromBytes, publicOf } from '../../../src/crypto/scalar.ts';
import { drawPolynomial, evaluate, evaluateAll, refreshPolynomial } from '../../../src/crypto/shamir.ts';

const secret = fc.bigInt(1n, N - 1n);
const shape = fc
  .integer({ min: 1, max: 32 })
  .chain((n) => fc.record({ n: fc.constant(n), t: fc.integer({ min: 1, max: n }) }));

describe('Feldman commitments', () => {
  it('every share verifies; a tampered share, a share at another index, or another polynomial fails', () => {
    fc.assert(
      fc.property(secret, shape, fc.bigInt(1n, N - 1n), fc.nat(), (s, { n, t }, delta, pick) => {
        const poly = drawPolynomial(s, t);
        const commitments = decodeCommitments(commit(poly));
        const shares = evaluateAll(
          poly,
          Array.from({ length: n }, (_, i) => i + 1),
        );
        expect(invalidShares(commitments, shares)).toEqual([]);
        const victim = shares[pick % n]!;
        const tampered = { index: victim.index, value: mod(victim.value + delta) };
        expect(verifyShare(commitments, tampered.index, tampered.value)).toBe(false);
        expect(
          invalidShares(
            commitments,
            shares.map((x) => (x === victim ? tampered : x)),
          ),
        ).toEqual([victim.index]);
        if (t >= 2) {
          // (a constant polynomial, T = 1, has the same share everywhere)
          expect(verifyShare(commitments, victim.index + n, victim.value)).toBe(false);
          const other = decodeCommitments(commit(refreshPolynomial(poly)));
          expect(verifyShare(other, victim.index, victim.value)).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('publicAt(i) is f(i)·G, C₀ is the secret’s public key, and verifySecret checks it', () => {
    const poly = drawPolynomial(123456789n, 4);
    const commitments = decodeCommitments(commit(poly));
    for (const x of [1, 2, 18, 1000])
      expect(publicAt(commitments, x).equals(publicOf(evaluate(poly, x)))).toBe(true);
    expect(publicAt(commitments, 0).equals(publicOf(123456789n))).toBe(true);
    expect(verifySecret(commitments, 123456789n)).toBe(true);
    expect(verifySecret(commitments, 123456788n)).toBe(false);
    expect(verifySecret(commitments, 0n)).toBe(false);
    expect(verifyShare(commitments, 1, 0n)).toBe(false);
  });

  it('commitments are compressed points, the first one s·G', () => {
    const bytes = commit([5n, 6n]);
    expect(bytes.map((b) => b.length)).toEqual([33, 33]);
    expect(pointFromBytes(bytes[0]!).equals(publicOf(5n))).toBe(true);
  });

  it('malformed commitments and shares throw, naming the position', () => {
    const good = commit([5n, 6n]);
    const offCurve = new Uint8Array(33).fill(0xff);
    offCurve[0] = 2;
    expect(() => decodeCommitments([good[0]!, offCurve])).toThrow(/commitments\[1\]/);
    expect(() => decodeCommitments([good[0]!, offCurve])).toThrow(RangeError);
    expect(() => decodeCommitments([good[0]!.subarray(0, 32)])).toThrow(RangeError);
    expect(() => decodeCommitments([])).toThrow(RangeError);
    expect(() => decodeCommitments(['02ab' as unknown as Uint8Array])).toThrow(TypeError);
    const commitments = decodeCommitments(good);
    expect(() => verifyShare(commitments, 1, N)).toThrow(RangeError);
    expect(() => verifyShare(commitments, 1, -1n)).toThrow(RangeError);
    expect(() => verifyShare(commitments, -1, 1n)).toThrow(RangeError);
    expect(() => publicAt(commitments, 0.5)).toThrow(RangeError);
  });
});
