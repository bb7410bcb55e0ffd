import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod, N } from '../../../src/crypto/scalar.ts';
import {
  drawPolynomial,
  evaluate,
  evaluateAll,
  interpolateAtZero,
  lagrangeAtZero,
  refreshPolynomial,
} from '../../../src/crypto/shamir.ts';
import { expectTrine } from './helpers.ts';

const secret = fc.bigInt(1n, N - 1n);
/** n ≤ 32 parties, threshold T ≤ n, and a random choice of `take(T)` distinct indices. */
const sharing = (take: (t: number) => number) =>
  fc
    .integer({ min: 1, max: 32 })
    .chain((n) => fc.record({ n: fc.constant(n), t: fc.integer({ min: 1, max: n }) }))
    .chain(({ n, t }) =>
      fc.record({
        n: fc.constant(n),
        t: fc.constant(t),
        chosen: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i + 1),
          { minLength: Math.max(0, take(t)), maxLength: Math.max(0, take(t)) },
        ),
      }),
    );

describe('Shamir over the secp256k1 group order', () => {
  it('any T of n shares rebuild the secret (T ≤ n ≤ 32)', () => {
    fc.assert(
      fc.property(
        secret,
        sharing((t) => t),
        (s, { t, chosen }) => {
          const poly = drawPolynomial(s, t);
          const points = chosen.map((index) => ({ index, value: evaluate(poly, index) }));
          expect(interpolateAtZero(points)).toBe(s);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('T−1 shares give a different value than the secret', () => {
    fc.assert(
      fc.property(
        secret,
        sharing((t) => t - 1).filter(({ t }) => t >= 2),
        (s, { t, chosen }) => {
          const poly = drawPolynomial(s, t);
          const points = chosen.map((index) => ({ index, value: evaluate(poly, index) }));
          expect(interpolateAtZero(points)).not.toBe(s);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refresh keeps the secret and changes every share, and old and new shares do not mix', () => {
    fc.assert(
      fc.property(
        secret,
        sharing((t) => t).filter(({ t }) => t >= 2),
        (s, { n, t, chosen }) => {
          const before = drawPolynomial(s, t);
          const after = refreshPolynomial(before);
          expect(after[0]).toBe(s);
          expect(after).toHaveLength(t);
          for (let i = 1; i <= n; i++) expect(evaluate(after, i)).not.toBe(evaluate(before, i));
          const fresh = chosen.map((index) => ({ index, value: evaluate(after, index) }));
          expect(interpolateAtZero(fresh)).toBe(s);
          // one stale share among T−1 fresh ones is useless: the point of refreshing
          const mixed = fresh.map((p, j) =>
            j === 0 ? { index: p.index, value: evaluate(before, p.index) } : p,
          );
          expect(interpolateAtZero(mixed)).not.toBe(s);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('Lagrange coefficients at 0 sum to 1 (they interpolate the constant polynomial)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 32 }),
        (xs) => {
          expect(mod(lagrangeAtZero(xs).reduce((a, b) => a + b, 0n))).toBe(1n);
        },
      ),
    );
  });

  it('evaluates by Horner: f(x) = 5 + 3x + 2x² at small points, and f(x) mod n', () => {
    const poly = [5n, 3n, 2n];
    expect(evaluateAll(poly, [1, 2, 3])).toEqual([
      { index: 1, value: 10n },
      { index: 2, value: 19n },
      { index: 3, value: 32n },
    ]);
    expect(evaluate([N - 1n, 1n], 1)).toBe(0n);
    expect(evaluate([N - 1n, 1n], 2)).toBe(1n);
  });

  it('rejects duplicate indices with a typed error, and zero or negative indices', () => {
    const poly = drawPolynomial(7n, 2);
    const p1 = { index: 1, value: evaluate(poly, 1) };
    expectTrine(() => interpolateAtZero([p1, p1]), 'invalid-input');
    expectTrine(() => lagrangeAtZero([3, 4, 3]), 'invalid-input');
    expect(() => interpolateAtZero([p1, { index: 0, value: 7n }])).toThrow(RangeError);
    expect(() => interpolateAtZero([p1, { index: -2, value: 7n }])).toThrow(RangeError);
    expect(() => interpolateAtZero([p1, { index: 1.5, value: 7n }])).toThrow(TypeError);
    expect(() => evaluate(poly, 0)).toThrow(RangeError);
    expectTrine(() => interpolateAtZero([]), 'invalid-input');
    expect(() => interpolateAtZero([{ index: 1, value: N }])).toThrow(RangeError);
  });

  it('refuses a secret outside [1, n−1] and a threshold outside [1, 1000]', () => {
    expect(() => drawPolynomial(0n, 2)).toThrow(RangeError);
    expect(() => drawPolynomial(N, 2)).toThrow(RangeError);
    expect(() => drawPolynomial(1n, 0)).toThrow(RangeError);
    expect(() => drawPolynomial(1n, 1001)).toThrow(RangeError);
    expect(() => drawPolynomial(1 as unknown as bigint, 2)).toThrow(TypeError);
    expect(drawPolynomial(1n, 1)).toEqual([1n]);
  });
});
