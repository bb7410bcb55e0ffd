/**
 * Shamir secret sharing over Z_n, n the secp256k1 group order.
 *
 * A polynomial of threshold T is f(x) = a₀ + a₁x + … + a_{T−1}x^{T−1} with a₀ the secret;
 * the share at index i ≥ 1 is f(i). Any T shares give a₀ by Lagrange interpolation at 0:
 *   a₀ = Σ_j f(x_j)·λ_j,  λ_j = Π_{m≠j} x_m / (x_m − x_j)  (mod n).
 * T−1 shares reveal nothing about a₀.
 */
import { invalidInput } from '../errors/index.ts';
import { invert, mod, N, randomScalar } from './scalar.ts';

/** Coefficients [a₀ … a_{T−1}], a₀ the secret. */
export type Polynomial = readonly bigint[];

export type SharePoint = { index: number; value: bigint };

const MAX_INDEX = 1_000_000;

function assertSecret(secret: bigint): void {
  if (typeof secret !== 'bigint') throw new TypeError('secret: expected bigint');
  if (secret <= 0n || secret >= N) throw new RangeError('secret: not in [1, n-1]');
}

function assertIndex(index: number, title = 'index'): void {
  if (!Number.isSafeInteger(index)) throw new TypeError(`${title}: expected an integer`);
  if (index < 1 || index > MAX_INDEX) throw new RangeError(`${title}: not in [1, ${MAX_INDEX}]`);
}

/** Draw a random polynomial of threshold T (degree T−1) around `secret`. */
export function drawPolynomial(secret: bigint, threshold: number): Polynomial {
  assertSecret(secret);
  if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > 1000)
    throw new RangeError('threshold: not in [1, 1000]');
  const coefficients = [secret];
  for (let i = 1; i < threshold; i++) coefficients.push(randomScalar());
  return coefficients;
}

/** Same secret, fresh random coefficients: the refresh of proactive security. */
export function refreshPolynomial(poly: Polynomial): Polynomial {
  return drawPolynomial(poly[0]!, poly.length);
}

/** f(x) by Horner's rule. */
export function evaluate(poly: Polynomial, x: number): bigint {
  assertIndex(x, 'x');
  const bx = BigInt(x);
  let acc = 0n;
  for (let i = poly.length - 1; i >= 0; i--) acc = mod(acc * bx + poly[i]!);
  return acc;
}

/** The shares at every index (the dealer's batch: one Horner evaluation per index). */
export function evaluateAll(poly: Polynomial, indices: readonly number[]): SharePoint[] {
  return indices.map((index) => ({ index, value: evaluate(poly, index) }));
}

/** Lagrange coefficients at 0 for the given distinct, non-zero indices. */
export function lagrangeAtZero(indices: readonly number[]): bigint[] {
  const seen = new Set<number>();
  for (const i of indices) {
    assertIndex(i);
    if (seen.has(i)) throw invalidInput('indices', `index ${i} repeats`);
    seen.add(i);
  }
  return indices.map((xj, j) => {
    let num = 1n;
    let den = 1n;
    indices.forEach((xm, m) => {
      if (m === j) return;
      num = mod(num * BigInt(xm)); // Π x_m
      den = mod(den * BigInt(xm - xj)); // Π (x_m − x_j)
    });
    return mod(num * invert(den));
  });
}

/** a₀ from exactly the given points (the caller picks T of them). */
export function interpolateAtZero(points: readonly SharePoint[]): bigint {
  if (!Array.isArray(points) || points.length === 0)
    throw invalidInput('points', 'expected at least one share');
  for (const p of points)
    if (typeof p.value !== 'bigint' || p.value < 0n || p.value >= N)
      throw new RangeError('share: not in [0, n-1]');
  const lambdas = lagrangeAtZero(points.map((p) => p.index));
  let acc = 0n;
  points.forEach((p, j) => {
    acc = mod(acc + p.value * lambdas[j]!);
  });
  return acc;
}
