/**
 * This node's part of a dealing: opened with the inbox key it was sealed to (inbox.ts) in
 * the slot dealingSlot(P, epoch, j, inbox), and checked against the commitments,
 *   F(j)·G = Σ F[i]·j^i  and  G(j)·G = Σ G[i]·j^i  (Feldman),
 * before anything is stored. Returns F(j) ‖ G(j) (64 bytes; the caller wipes it).
 */
import { fromHex, toHex } from '../../crypto/bytes.ts';
import { verifyShare } from '../../crypto/feldman.ts';
import { decodeSharePair } from '../../crypto/sharePair.ts';
import { type X25519KeyPair, x25519Open } from '../../crypto/x25519.ts';
import { invalidInput, isTrineError, TrineError } from '../../errors/index.ts';
import type { Dealing } from '../../protocol/formats.ts';
import { dealingSlot } from '../../protocol/slots.ts';
import type { NodeContext } from '../context.ts';
import type { DecodedCommitments } from './dealingCommitments.ts';

export async function openOwnSubShare(
  ctx: NodeContext,
  dealing: Dealing,
  commitments: DecodedCommitments,
  inbox: X25519KeyPair,
): Promise<Uint8Array> {
  const j = ctx.self.index;
  const mine = dealing.shares.find((s) => s.node === j);
  if (!mine) throw invalidInput('dealing.shares', `no sub-share for node ${j}`);
  let plain: Uint8Array;
  try {
    plain = await x25519Open(
      inbox,
      fromHex(mine.sealed),
      dealingSlot(dealing.P, dealing.epoch, j, toHex(inbox.publicKey)),
    );
  } catch (error) {
    if (isTrineError(error))
      throw invalidInput(`dealing.shares[node ${j}]`, 'does not open with its inbox key');
    throw error;
  }
  const pair = decodeSharePair(plain);
  if (!verifyShare(commitments.F, j, pair.f) || !verifyShare(commitments.G, j, pair.g)) {
    plain.fill(0);
    throw new TrineError({
      code: 'commitment-mismatch',
      message: `dealing: the sub-share for node ${j} does not match the commitments`,
    });
  }
  return plain;
}
