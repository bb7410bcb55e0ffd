/**
 * Feldman commitments: C_i = a_i·G for the coefficients of a polynomial f.
 * A share s at index x is valid iff  s·G = Σ_i C_i·x^i.
 * The public key of an index, Σ_i C_i·x^i, is computed by Horner's rule with the small
 * public multiplier x, so it costs T cheap (non-constant-time, public data) multiplications.
 */
import { abytes } from './bytes.ts';
import { mod, N, type Point, pointFromBytes, pointToBytes, publicOf } from './scalar.ts';
import type { Polynomial } from './shamir.ts';

/** Commit to every coefficient; compressed 33-byte points, C₀ = secret·G first. */
export function commit(poly: Polynomial): Uint8Array[] {
  return poly.map((a) => pointToBytes(publicOf(a)));
}

/** Decode commitments once; invalid points are a RangeError naming the position. */
export function decodeCommitments(commitments: readonly Uint8Array[]): Point[] {
  if (!Array.isArray(commitments) || commitments.length === 0)
    throw new RangeError('commitments: expected at least one');
  return commitments.map((c, i) => pointFromBytes(abytes(c, 33, `commitments[${i}]`), `commitments[${i}]`));
}

/** Σ_i C_i·x^i: the public key of the share at index x. */
export function publicAt(commitments: readonly Point[], x: number): Point {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError('x: expected a non-negative integer');
  if (x === 0) return commitments[0]!;
  const bx = BigInt(x);
  let acc = commitments[commitments.length - 1]!;
  for (let i = commitments.length - 2; i >= 0; i--) acc = acc.multiplyUnsafe(bx).add(commitments[i]!); // acc·x + C_i
  return acc;
}

/** True iff share·G equals the committed public key at `index`. Malformed input throws. */
export function verifyShare(commitments: readonly Point[], index: number, share: bigint): boolean {
  if (typeof share !== 'bigint' || share < 0n || share >= N) throw new RangeError('share: not in [0, n-1]');
  if (share === 0n) return false;
  return publicOf(share).equals(publicAt(commitments, index));
}

/** True iff secret·G = C₀ (the aggregated check after interpolation). */
export function verifySecret(commitments: readonly Point[], secret: bigint): boolean {
  const s = mod(secret);
  if (s === 0n) return false;
  return publicOf(s).equals(commitments[0]!);
}

/**
 * The indices of the shares that fail their commitments (empty when all verify): the batch
 * form of `verifyShare` a client uses to name the nodes that answered wrong sub-shares.
 */
export function invalidShares(
  commitments: readonly Point[],
  shares: readonly { index: number; value: bigint }[],
): number[] {
  return shares.filter((s) => !verifyShare(commitments, s.index, s.value)).map((s) => s.index);
}
