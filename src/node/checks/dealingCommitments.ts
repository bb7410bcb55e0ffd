/**
 * A dealing must belong to the wallet it claims: its threshold is the network's, and its
 * commitments share the network share's public keys,
 *   F[0] = K + A₁   (F(0) = f(1) = k + a₁)
 *   G[0] = M + B₁   (G(0) = g(1) = m + b₁)
 * Returns the decoded commitments for the sub-share check.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { decodeCommitments } from '../../crypto/feldman.ts';
import { type Point, pointFromBytes } from '../../crypto/scalar.ts';
import { invalidInput, TrineError } from '../../errors/index.ts';
import type { Dealing } from '../../protocol/formats.ts';
import type { NodeContext } from '../context.ts';

export type DecodedCommitments = { F: Point[]; G: Point[] };

export function checkDealingCommitments(ctx: NodeContext, dealing: Dealing): DecodedCommitments {
  if (dealing.threshold !== ctx.network.threshold)
    throw invalidInput('dealing.threshold', `must be the network threshold ${ctx.network.threshold}`);
  try {
    const F = decodeCommitments(dealing.commitments.F.map((c) => fromHex(c, 33)));
    const G = decodeCommitments(dealing.commitments.G.map((c) => fromHex(c, 33)));
    const K = pointFromBytes(fromHex(dealing.tss.K, 33), 'K');
    const A1 = pointFromBytes(fromHex(dealing.tss.A1, 33), 'A1');
    const M = pointFromBytes(fromHex(dealing.meta.M, 33), 'M');
    const B1 = pointFromBytes(fromHex(dealing.meta.B1, 33), 'B1');
    if (!F[0]!.equals(K.add(A1)) || !G[0]!.equals(M.add(B1)))
      throw new TrineError({
        code: 'commitment-mismatch',
        message: 'dealing: commitments do not open to the network share of (K, A1), (M, B1)',
      });
    return { F, G };
  } catch (error) {
    if (error instanceof RangeError) throw invalidInput('dealing', error.message);
    throw error;
  }
}
