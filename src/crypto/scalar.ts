/**
 * Scalars of the secp256k1 group: integers mod n, encoded as 32 big-endian bytes.
 * Shares, polynomial coefficients, k, m and factor keys are all scalars.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { invalidInput } from '../errors/index.ts';
import { abytes, fromHex, randomBytes } from './bytes.ts';

export const Point = secp256k1.Point;
export type Point = InstanceType<typeof secp256k1.Point>;
/** The group order n. */
export const N: bigint = Point.Fn.ORDER;

export const mod = (a: bigint): bigint => {
  const r = a % N;
  return r < 0n ? r + N : r;
};

/** a^-1 mod n; throws on 0. */
export const invert = (a: bigint): bigint => Point.Fn.inv(mod(a));

export function scalarToBytes(s: bigint): Uint8Array {
  if (s < 0n || s >= N) throw new RangeError('scalar: out of range');
  return Point.Fn.toBytes(s);
}

/** Decode a 32-byte scalar in [1, n-1]; 0 and values ≥ n are a RangeError. */
export function scalarFromBytes(bytes: Uint8Array, title = 'scalar'): bigint {
  abytes(bytes, 32, title);
  let s = 0n;
  for (const b of bytes) s = (s << 8n) | BigInt(b);
  if (s === 0n || s >= N) throw new RangeError(`${title}: not in [1, n-1]`);
  return s;
}

/** Uniform scalar in [1, n-1] (rejection sampling; the loop almost never repeats). */
export function randomScalar(): bigint {
  for (;;) {
    const bytes = randomBytes(32);
    let s = 0n;
    for (const b of bytes) s = (s << 8n) | BigInt(b);
    bytes.fill(0);
    if (s !== 0n && s < N) return s;
  }
}

/** s·G, the public key of a scalar (constant-time base-point multiplication). */
export const publicOf = (s: bigint): Point => Point.BASE.multiply(s);

/** Decode a compressed or uncompressed point; not on the curve or infinity is a RangeError. */
export function pointFromBytes(bytes: Uint8Array, title = 'point'): Point {
  abytes(bytes, undefined, title);
  try {
    const p = Point.fromBytes(bytes);
    p.assertValidity();
    return p;
  } catch {
    throw new RangeError(`${title}: not a valid secp256k1 point`);
  }
}

export const pointToBytes = (p: Point): Uint8Array => p.toBytes(true);

/**
 * Decode a compressed point that arrived as hex (a record, an answer): bad hex or a value
 * off the curve is a TrineError('invalid-input') naming the field, as every wire decoder's.
 */
export function pointFromHex(hex: string, title = 'point'): Point {
  const bytes = fromHex(hex, 33, title);
  try {
    return pointFromBytes(bytes, title);
  } catch {
    throw invalidInput(title, 'not a valid secp256k1 point');
  }
}
