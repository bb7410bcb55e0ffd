/**
 * Completing interrupted work at the next login, from what the record holds:
 * - a refresh written to the record but not installed on ≥ t nodes → install it
 *   (dealing + stored receipt + an authorisation signed by m), then drop `previous`;
 * - a refresh installed but `previous` still in the record → drop `previous`;
 * - nodes that missed the current dealing → relay it to them.
 */
import { toHex } from '../../crypto/bytes.ts';
import { scalarToBytes } from '../../crypto/scalar.ts';
import { ecdsaSignBody } from '../../crypto/signature.ts';
import { TrineError } from '../../errors/index.ts';
import type { Dealing, MetadataRecord } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';
import type { Login, NetworkShare, RecordState, WalletBackend } from '../backend.ts';
import { openFactorShare } from '../factorShare.ts';
import { type KeyMaterial, materialFromShares } from '../material.ts';
import { WalletSession } from '../session.ts';
import { assertShareMatches } from '../shareCheck.ts';
import { signRecordWrite, writeWithRetry } from '../write.ts';

export type MaintenanceReport = { finishedRefresh: boolean; finalized: boolean; relayedTo: number[] };

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

export async function finishRefresh(
  backend: WalletBackend,
  creds: Login,
  old: KeyMaterial,
  state: RecordState,
  factorKey: Uint8Array,
  factorPub: string,
): Promise<{ session: WalletSession }> {
  const { record } = state;
  const entry = record.factors.find((f) => f.pub === factorPub);
  const authorization = authorizeDealing(old.m, record.dealing);
  await backend.installDealing(creds, record.dealing, state.receipt, {
    authorization,
    creation: record.creation,
  });
  const finalRecord = withoutPrevious(record);
  const { version, receipt } = await backend.writeRecord(
    finalRecord,
    state.version,
    signRecordWrite(old.m, finalRecord, state.version),
  );
  if (!entry)
    throw new TrineError({
      code: 'factor-not-recognised',
      message: 'this factor was removed from the wallet; the pending refresh has now been completed',
    });
  // The factor's share of the new epoch, checked against its commitments, gives the new slopes.
  const pair = openFactorShare(record.P, record.epoch, entry.index, entry.pub, entry.sealed, factorKey);
  assertShareMatches(entry.index, pair, { ...record.tss, ...record.meta }, `the ${entry.type} factor`, {
    factor: entry.pub,
    type: entry.type,
  });
  const current = materialFromShares(0, { f: old.k, g: old.m }, entry.index, pair);
  return { session: new WalletSession(current, { version, record: finalRecord, receipt }) };
}

export async function tidyAfterLogin(
  backend: WalletBackend,
  creds: Login,
  session: WalletSession,
  share: NetworkShare,
): Promise<MaintenanceReport> {
  const report: MaintenanceReport = { finishedRefresh: false, finalized: false, relayedTo: [] };
  const state = session.state;
  if (state.record.previous) {
    await writeWithRetry(backend, session, (current) => withoutPrevious(current.record));
    report.finalized = true;
  }
  // Silent nodes cut off once t answered may have missed the dealing too; installs are idempotent.
  const relay = [...share.lagging, ...share.pending];
  if (relay.length > 0) {
    const authorization = authorizeDealing(session.material().m, state.record.dealing);
    try {
      const result = await backend.installDealing(
        creds,
        state.record.dealing,
        state.receipt,
        { authorization, creation: state.record.creation },
        relay,
      );
      report.relayedTo = result.acks;
    } catch {
      // a lagging node that is still down is retried at the next login
    }
  }
  return report;
}
