/**
 * A write (and the create) is authorised by the full metadata key m: ECDSA over
 * { kind: 'record-write', P, expectedVersion, recordHash(record) } with public key M, the
 * stored M for a write (a record cannot authorise itself) and record.meta.M for a create.
 * The version inside the signature makes a replayed old write fail the compare-and-swap.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { TrineError } from '../../errors/index.ts';
import type { MetadataRecord, RecordWriteBody } from '../../protocol/formats.ts';
import { recordHash } from '../../protocol/hashes.ts';
import type { VerifyUserSignature } from '../context.ts';

export function checkWriteSignature(
  verify: VerifyUserSignature,
  M: string,
  record: MetadataRecord,
  expectedVersion: number,
  signature: string,
): void {
  const body: RecordWriteBody = {
    kind: 'record-write',
    P: record.P,
    expectedVersion,
    recordHash: recordHash(record),
  };
  if (verify(fromHex(M, 33, 'M'), body, fromHex(signature, 64, 'signature'))) return;
  throw new TrineError({
    code: 'bad-signature',
    message: 'write signature is not by the metadata key of this record',
    details: { field: 'signature' },
  });
}
