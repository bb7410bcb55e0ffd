/**
 * Every share is checked against the public commitments before it is used (ARCHITECTURE
 * §6.7): the share (f(i), g(i)) at index i must satisfy
 *   f(i)·G = K + i·A₁   and   g(i)·G = M + i·B₁.
 * A factor's ciphertext needs no secret to forge (anyone can encrypt to a public key in
 * the right slot), so the metadata operator could substitute a factor's share; this check
 * names the factor at once, instead of leaving it to the final k·G = K (verify.ts).
 */
import { publicOf } from '../crypto/scalar.ts';
import type { SharePair } from '../crypto/sharePair.ts';
import { TrineError } from '../errors/index.ts';
import { publicShareAt } from './material.ts';

/** The commitments of one epoch: K, M and that epoch's slopes A₁, B₁ (compressed points, hex). */
export type EpochCommitments = { K: string; A1: string; M: string; B1: string };

/** Whether (f(i), g(i)) lies on the committed lines. */
export function shareMatches(index: number, pair: SharePair, c: EpochCommitments): boolean {
  return (
    publicOf(pair.f).equals(publicShareAt(c.K, c.A1, index)) &&
    publicOf(pair.g).equals(publicShareAt(c.M, c.B1, index))
  );
}

/** Throws `commitment-mismatch` naming `what` (e.g. "the passkey factor") when the share is off the lines. */
export function assertShareMatches(
  index: number,
  pair: SharePair,
  c: EpochCommitments,
  what: string,
  details: Record<string, unknown> = {},
): void {
  if (shareMatches(index, pair, c)) return;
  throw new TrineError({
    code: 'commitment-mismatch',
    message: `${what}: its share (index ${index}) does not match the wallet's public commitments; the stored record was altered, so it is not used`,
    details: { index, ...details },
  });
}
