/**
 * Ordered writes of the record: every write is signed by m and compare-and-swapped on the
 * version. On a conflict the latest record is read again (signed with g(1)) and the same
 * intent re-applied, a bounded number of times: no lost update, no blind overwrite.
 */
import { toHex } from '../crypto/bytes.ts';
import { scalarToBytes } from '../crypto/scalar.ts';
import { ecdsaSignBody } from '../crypto/signature.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import type { Dealing, MetadataRecord } from '../protocol/formats.ts';
import { dealingHash, recordHash } from '../protocol/hashes.ts';
import type { RecordState, WalletBackend } from './backend.ts';
import { type KeyMaterial, shareAt } from './material.ts';
import type { WalletSession } from './session.ts';

export function signRecordWrite(m: bigint, record: MetadataRecord, expectedVersion: number): string {
  const key = scalarToBytes(m);
  try {
    return toHex(
      ecdsaSignBody(key, {
        kind: 'record-write',
        P: record.P,
        expectedVersion,
        recordHash: recordHash(record),
      }),
    );
  } finally {
    key.fill(0);
  }
}

/** ECDSA by m letting the nodes install `dealing` (a first install, or a new epoch). */
export function authorizeDealing(m: bigint, dealing: Dealing): string {
  const key = scalarToBytes(m);
  try {
    return toHex(
      ecdsaSignBody(key, {
        kind: 'dealing-authorization',
        P: dealing.P,
        epoch: dealing.epoch,
        dealingHash: dealingHash(dealing),
      }),
    );
  } finally {
    key.fill(0);
  }
}

/** Drop `previous` once the new epoch is installed. */
export function withoutPrevious(record: MetadataRecord): MetadataRecord {
  const { previous: _dropped, ...rest } = record;
  return rest;
}

/** The network share g(1) of the given material: what signs reads. */
export const networkG = (material: KeyMaterial): bigint => shareAt(material, 1).g;

export async function writeWithRetry(
  backend: WalletBackend,
  session: WalletSession,
  intent: (current: RecordState) => MetadataRecord,
  { attempts = 4 }: { attempts?: number } = {},
): Promise<RecordState> {
  let current = session.state;
  for (let i = 0; i < attempts; i++) {
    const next = intent(current);
    const material = session.material();
    try {
      const { version, receipt } = await backend.writeRecord(
        next,
        current.version,
        signRecordWrite(material.m, next, current.version),
      );
      const state = { version, record: next, receipt };
      session.adoptRecord(state);
      return state;
    } catch (err) {
      if (!isTrineError(err, 'version-conflict')) throw err;
      current = await backend.readRecord(session.P, networkG(material));
      if (current.record.epoch !== session.epoch)
        throw new TrineError({
          code: 'version-conflict',
          message: 'the wallet was refreshed elsewhere: sign in again',
          status: 409,
        });
      session.adoptRecord(current);
    }
  }
  throw new TrineError({
    code: 'version-conflict',
    message: 'the record keeps changing: try again',
    status: 409,
  });
}
