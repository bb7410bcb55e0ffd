/**
 * Every share against the commitments (ARCHITECTURE §6.7): f(i)·G = K + i·A₁ and
 * g(i)·G = M + i·B₁; and after rebuilding, k·G = K and m·G = M (the last line of defence).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod, randomScalar } from '../../../src/crypto/scalar.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { commitmentsOf, drawMaterial, materialFromShares, shareAt } from '../../../src/wallet/material.ts';
import { assertShareMatches, shareMatches } from '../../../src/wallet/shareCheck.ts';
import { assertRebuilt } from '../../../src/wallet/verify.ts';

const codeOf = (f: () => void): string => {
  try {
    f();
    return 'no error';
  } catch (error) {
    return isTrineError(error) ? error.code : String(error);
  }
};

describe('shareMatches', () => {
  it('accepts every honest share and refuses a share moved off either line', () => {
    const material = drawMaterial();
    const c = commitmentsOf(material);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (index, moveF) => {
        const pair = shareAt(material, index);
        expect(shareMatches(index, pair, c)).toBe(true);
        const moved = moveF ? { ...pair, f: mod(pair.f + 1n) } : { ...pair, g: mod(pair.g + 1n) };
        expect(shareMatches(index, moved, c)).toBe(false);
        expect(shareMatches(index + 1, pair, c)).toBe(false); // the right share at the wrong index
      }),
      { numRuns: 20 },
    );
  });

  it('assertShareMatches names what was refused, with details, and never the share', () => {
    const material = drawMaterial();
    const pair = { f: randomScalar(), g: randomScalar() };
    let error: unknown;
    try {
      assertShareMatches(3, pair, commitmentsOf(material), 'the passkey factor', { type: 'passkey' });
    } catch (e) {
      error = e;
    }
    expect(isTrineError(error, 'commitment-mismatch')).toBe(true);
    const { message, details } = error as { message: string; details: Record<string, unknown> };
    expect(message).toMatch(/^the passkey factor: its share \(index 3\)/);
    expect(details).toEqual({ index: 3, type: 'passkey' });
    expect(message).not.toContain(pair.f.toString(16));
  });
});

describe('assertRebuilt', () => {
  it('accepts the key two honest shares rebuild and refuses any other', () => {
    const material = drawMaterial();
    const { K, M } = commitmentsOf(material);
    const rebuilt = materialFromShares(1, shareAt(material, 1), 5, shareAt(material, 5));
    expect(codeOf(() => assertRebuilt(rebuilt, K, M))).toBe('no error');
    const other = drawMaterial();
    expect(codeOf(() => assertRebuilt({ ...rebuilt, k: other.k }, K, M))).toBe('key-mismatch');
    expect(codeOf(() => assertRebuilt({ ...rebuilt, m: other.m }, K, M))).toBe('key-mismatch');
    // a share off the line rebuilds another key: caught here even without the share check
    const off = materialFromShares(1, shareAt(material, 1), 5, { ...shareAt(material, 5), f: other.k });
    expect(codeOf(() => assertRebuilt(off, K, M))).toBe('key-mismatch');
  });
});
