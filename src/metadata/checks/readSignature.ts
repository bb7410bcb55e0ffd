/**
 * A read is authorised by the network half of the metadata key: ECDSA by g(1), whose public
 * key is M + B₁. While a refresh is not yet installed (`previous` present), the previous
 * epoch's g(1) (public key M + B₁ of `previous`) is accepted too, since the nodes may still
 * hand out that epoch. `issuedAt` must be within ±60 s of the server's clock, so a captured
 * read request stops working a minute later.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { Point } from '../../crypto/scalar.ts';
import { TrineError } from '../../errors/index.ts';
import type { MetadataRecord, ReadRequest } from '../../protocol/formats.ts';
import type { VerifyUserSignature } from '../context.ts';

export const READ_WINDOW_MS = 60_000;

const readKeys = new Map<string, Uint8Array>();

/** The compressed point M + B₁ (cached: two decompressions and an addition cost ~0.5 ms). */
export function readKey(M: string, B1: string): Uint8Array {
  const id = M + B1;
  let key = readKeys.get(id);
  if (!key) {
    key = Point.fromHex(M).add(Point.fromHex(B1)).toBytes(true); // g(1)·G = m·G + b₁·G
    if (readKeys.size >= 10_000) readKeys.clear();
    readKeys.set(id, key);
  }
  return key;
}

/** A signed read is valid for ±60 s around the server's clock (replay window). */
export function checkReadWindow(issuedAt: number, now: number): void {
  if (Math.abs(now - issuedAt) > READ_WINDOW_MS)
    throw new TrineError({
      code: 'bad-signature',
      message: 'read request was not issued within 60 s of the server clock: sign a fresh one',
      details: { field: 'request.issuedAt', serverTime: now },
    });
}

export function checkReadSignature(
  verify: VerifyUserSignature,
  record: MetadataRecord,
  { request, signature }: ReadRequest,
  now: number,
): void {
  checkReadWindow(request.issuedAt, now);
  const sig = fromHex(signature, 64, 'signature');
  if (verify(readKey(record.meta.M, record.meta.B1), request, sig)) return;
  if (record.previous && verify(readKey(record.meta.M, record.previous.meta.B1), request, sig)) return;
  throw new TrineError({
    code: 'bad-signature',
    message: 'read signature is not by the network share of this record',
    details: { field: 'signature' },
  });
}
