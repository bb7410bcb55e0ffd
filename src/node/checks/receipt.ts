/**
 * An install needs the metadata server's receipt for exactly this dealing: signed by the
 * metadata key in network.json, for the caller's P, the dealing's epoch and its hash. A
 * dealing the metadata server did not order (a losing concurrent registration, a forged
 * one) is never installed.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { ed25519VerifyBody } from '../../crypto/signature.ts';
import { invalidInput, TrineError } from '../../errors/index.ts';
import type { Dealing, Receipt } from '../../protocol/formats.ts';
import type { NodeContext } from '../context.ts';

export async function checkReceipt(
  ctx: NodeContext,
  dealing: Dealing,
  hash: string,
  receipt: Receipt,
): Promise<void> {
  if (!(await ed25519VerifyBody(ctx.metadataKey, receipt.body, fromHex(receipt.sig, 64))))
    throw new TrineError({ code: 'bad-signature', message: 'receipt: not signed by the metadata server' });
  if (receipt.body.P !== dealing.P) throw invalidInput('receipt.body.P', 'is for another user');
  if (receipt.body.epoch !== dealing.epoch) throw invalidInput('receipt.body.epoch', 'is for another epoch');
  if (receipt.body.dealingHash !== hash)
    throw invalidInput('receipt.body.dealingHash', 'is for another dealing');
}
