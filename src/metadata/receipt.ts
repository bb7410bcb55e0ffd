/**
 * Receipts: the metadata server's Ed25519 signature binding (P, epoch, hash of the dealing,
 * version). Nodes install a dealing only with a receipt for it, so a dealing the server did
 * not order (e.g. the losing creator's) is never installed.
 */
import { toHex } from '../crypto/bytes.ts';
import { ed25519SignBody } from '../crypto/signature.ts';
import type { MetadataRecord, Receipt, ReceiptBody } from '../protocol/formats.ts';
import { dealingHash } from '../protocol/hashes.ts';

export async function signReceipt(
  signer: CryptoKey,
  record: MetadataRecord,
  version: number,
  issuedAt: number,
): Promise<Receipt> {
  const body: ReceiptBody = {
    kind: 'receipt',
    P: record.P,
    epoch: record.epoch,
    dealingHash: dealingHash(record.dealing),
    version,
    issuedAt,
  };
  return { body, sig: toHex(await ed25519SignBody(signer, body)) };
}
