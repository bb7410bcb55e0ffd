/**
 * Rebuilding the network share from t sub-shares (fast path), and naming the bad ones
 * when it fails (slow path).
 *
 * Fast path: with λ_j the Lagrange coefficients at 0 of the chosen indices,
 *   F(0) = Σ λ_j·F(j),  G(0) = Σ λ_j·G(j)   and accept iff F(0)·G = F[0] and G(0)·G = G[0].
 * If every sub-share is on the committed polynomials this holds; if any is not, F(0) is a
 * different point with overwhelming probability: two base-point multiplications check t
 * sub-shares at once.
 * Slow path: each sub-share against the commitments (Feldman: F(j)·G = Σ F[i]·j^i).
 */
import { fromHex, toHex } from '../../crypto/bytes.ts';
import { decodeCommitments, verifyShare } from '../../crypto/feldman.ts';
import { mod, pointToBytes, publicOf } from '../../crypto/scalar.ts';
import { lagrangeAtZero } from '../../crypto/shamir.ts';
import type { SharePair } from '../../crypto/sharePair.ts';

export type SubShare = { node: number; pair: SharePair };
export type Commitments = { F: readonly string[]; G: readonly string[] };

/** (F(0), G(0)) when the sub-shares agree with F[0], G[0]; undefined otherwise. */
export function combineSubShares(
  subShares: readonly SubShare[],
  commitments: Commitments,
): SharePair | undefined {
  const lambdas = lagrangeAtZero(subShares.map((s) => s.node));
  let f = 0n;
  let g = 0n;
  subShares.forEach((s, i) => {
    f = mod(f + lambdas[i]! * s.pair.f); // F(0) = Σ λ_j F(j)
    g = mod(g + lambdas[i]! * s.pair.g); // G(0) = Σ λ_j G(j)
  });
  if (f === 0n || g === 0n) return undefined;
  // compare compressed encodings: no square root to decode F[0], G[0]
  if (
    toHex(pointToBytes(publicOf(f))) !== commitments.F[0] ||
    toHex(pointToBytes(publicOf(g))) !== commitments.G[0]
  )
    return undefined;
  return { f, g };
}

/** The nodes whose sub-shares are not on the committed polynomials. */
export function badSubShares(subShares: readonly SubShare[], commitments: Commitments): number[] {
  const F = decodeCommitments(commitments.F.map((c) => fromHex(c, 33)));
  const G = decodeCommitments(commitments.G.map((c) => fromHex(c, 33)));
  return subShares
    .filter(
      (s) =>
        s.pair.f === 0n ||
        s.pair.g === 0n ||
        !verifyShare(F, s.node, s.pair.f) ||
        !verifyShare(G, s.node, s.pair.g),
    )
    .map((s) => s.node);
}
