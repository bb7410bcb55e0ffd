/** Rebuilding the network share from t sub-shares, and naming the bad ones. */
import { describe, expect, it } from 'vitest';
import { badSubShares, combineSubShares } from '../../../src/clients/nodes/combine.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { commit } from '../../../src/crypto/feldman.ts';
import { mod, randomScalar } from '../../../src/crypto/scalar.ts';
import { drawPolynomial, evaluate } from '../../../src/crypto/shamir.ts';

function deal(t: number, nodes: number[]) {
  const f = randomScalar();
  const g = randomScalar();
  const F = drawPolynomial(f, t);
  const G = drawPolynomial(g, t);
  return {
    secret: { f, g },
    commitments: { F: commit(F).map(toHex), G: commit(G).map(toHex) },
    subShares: nodes.map((node) => ({ node, pair: { f: evaluate(F, node), g: evaluate(G, node) } })),
  };
}

describe('combineSubShares', () => {
  it.each([
    [1, [4]],
    [3, [1, 2, 3]],
    [3, [5, 2, 9]],
    [10, [1, 3, 4, 6, 7, 9, 11, 14, 17, 18]],
  ])('rebuilds (F(0), G(0)) from t = %i sub-shares %j', (t, nodes) => {
    const d = deal(t, nodes);
    expect(combineSubShares(d.subShares, d.commitments)).toEqual(d.secret);
    expect(badSubShares(d.subShares, d.commitments)).toEqual([]);
  });

  it('refuses a set with one wrong F or G sub-share and names its node', () => {
    const d = deal(3, [2, 4, 5]);
    for (const field of ['f', 'g'] as const) {
      const subShares = d.subShares.map((s) =>
        s.node === 4 ? { node: 4, pair: { ...s.pair, [field]: mod(s.pair[field] + 1n) } } : s,
      );
      expect(combineSubShares(subShares, d.commitments)).toBeUndefined();
      expect(badSubShares(subShares, d.commitments)).toEqual([4]);
    }
  });

  it('refuses sub-shares from another dealing of the same secret', () => {
    const a = deal(2, [1, 2]);
    const b = deal(2, [1, 2]);
    expect(combineSubShares([a.subShares[0]!, b.subShares[1]!], a.commitments)).toBeUndefined();
    expect(badSubShares([a.subShares[0]!, b.subShares[1]!], a.commitments)).toEqual([2]);
  });
});
