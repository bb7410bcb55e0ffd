/**
 * Checks a receipt of the metadata server: Ed25519 by the server key published in the
 * network configuration, binding exactly (P, epoch, hash of the dealing). Nodes install a
 * dealing only with such a receipt; the wallet checks it before relaying anything.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { ed25519VerifyBody } from '../../crypto/signature.ts';
import { TrineError } from '../../errors/index.ts';
import type { Dealing, Receipt } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';

/** Throws TrineError('bad-signature') unless `receipt` is the server's receipt for `dealing`. */
export async function verifyReceipt(serverKey: string, receipt: Receipt, dealing: Dealing): Promise<void> {
  const { body } = receipt;
  if (body.P !== dealing.P || body.epoch !== dealing.epoch || body.dealingHash !== dealingHash(dealing))
    throw new TrineError({
      code: 'bad-signature',
      message: 'receipt is not for this dealing (P, epoch or hash differ)',
      details: { field: 'receipt' },
    });
  const ok = await ed25519VerifyBody(
    fromHex(serverKey, 32, 'signingKey'),
    body,
    fromHex(receipt.sig, 64, 'receipt.sig'),
  );
  if (!ok)
    throw new TrineError({
      code: 'bad-signature',
      message: 'receipt is not signed by the metadata server of this network',
      details: { field: 'receipt.sig' },
    });
}
