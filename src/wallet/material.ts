/**
 * The wallet's secret material while unlocked: k, m and the slopes a₁, b₁ of
 *   f(x) = k + a₁x,  g(x) = m + b₁x.
 * From it every share, commitment and dealing of the current epoch follows.
 */
import { fromHex, toHex } from '../crypto/bytes.ts';
import { mod, Point as P, type Point, pointFromBytes, publicOf, randomScalar } from '../crypto/scalar.ts';
import type { SharePair } from '../crypto/sharePair.ts';

export type KeyMaterial = { k: bigint; m: bigint; a1: bigint; b1: bigint };

export type PublicCommitments = { K: string; A1: string; M: string; B1: string };

/** (f(i), g(i)). */
export function shareAt(material: KeyMaterial, index: number): SharePair {
  const x = BigInt(index);
  return { f: mod(material.k + material.a1 * x), g: mod(material.m + material.b1 * x) };
}

/** Fresh k, m and slopes: a new wallet. */
export function drawMaterial(): KeyMaterial {
  return { k: randomScalar(), m: randomScalar(), a1: randomScalar(), b1: randomScalar() };
}

/** Same k and m, new slopes: the refresh that makes old shares useless. */
export function refreshMaterial(material: KeyMaterial): KeyMaterial {
  return { k: material.k, m: material.m, a1: randomScalar(), b1: randomScalar() };
}

export function commitmentsOf(material: KeyMaterial): PublicCommitments {
  const hex = (s: bigint) => toHex(publicOf(s).toBytes(true));
  return { K: hex(material.k), A1: hex(material.a1), M: hex(material.m), B1: hex(material.b1) };
}

export const point = (hex: string, title: string): Point => pointFromBytes(fromHex(hex, 33, title), title);

/** K + i·A₁ (and likewise for M, B₁): the public key of the share at index i. */
export function publicShareAt(base: string, slope: string, index: number): Point {
  return point(base, 'base').add(point(slope, 'slope').multiplyUnsafe(BigInt(index)));
}

/**
 * Rebuild the material from two shares at distinct indices i, j (a line through two
 * points): slope = (y_j − y_i)/(j − i), intercept = y_i − i·slope.
 */
export function materialFromShares(i: number, si: SharePair, j: number, sj: SharePair): KeyMaterial {
  const inv = P.Fn.inv(mod(BigInt(j - i)));
  const a1 = mod((sj.f - si.f) * inv);
  const b1 = mod((sj.g - si.g) * inv);
  return { k: mod(si.f - a1 * BigInt(i)), m: mod(si.g - b1 * BigInt(i)), a1, b1 };
}

export function wipeMaterial(material: KeyMaterial): void {
  // bigints are immutable; dropping references is all JavaScript allows
  material.k = 0n;
  material.m = 0n;
  material.a1 = 0n;
  material.b1 = 0n;
}
