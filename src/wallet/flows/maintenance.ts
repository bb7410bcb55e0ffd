/**
 * Completing interrupted work at the next login, from what the record holds:
 * - a refresh written to the record but not installed on ≥ t nodes → install it
 *   (dealing + stored receipt + an authorisation signed by m), then drop `previous`;
 * - a refresh installed but `previous` still in the record → drop `previous`;
 * - nodes that missed the current dealing → relay it to them;
 * - a node that can no longer open the current dealing (its inbox key is gone with a lost
 *   or restored store: `inbox-unknown`) → refresh with every factor kept, so the new
 *   dealing reaches it at its current inbox.
 */
import { TrineError } from '../../errors/index.ts';
import type { Login, NetworkShare, RecordState, WalletBackend } from '../backend.ts';
import { openFactorShare } from '../factorShare.ts';
import { type KeyMaterial, materialFromShares } from '../material.ts';
import { WalletSession } from '../session.ts';
import { assertShareMatches } from '../shareCheck.ts';
import { authorizeDealing, signRecordWrite, withoutPrevious, writeWithRetry } from '../write.ts';
import { refreshShares } from './refreshShares.ts';

export type MaintenanceReport = {
  finishedRefresh: boolean;
  finalized: boolean;
  relayedTo: number[];
  /** Nodes whose inbox the current dealing missed, dealt again by a refresh. */
  redealtFor: number[];
};

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
  const report: MaintenanceReport = {
    finishedRefresh: false,
    finalized: false,
    relayedTo: [],
    redealtFor: [],
  };
  if (session.state.record.previous) {
    await writeWithRetry(backend, session, (current) => withoutPrevious(current.record));
    report.finalized = true;
  }
  const { dealing } = session.state.record;
  const inDealing = (node: number) => dealing.shares.some((s) => s.node === node);
  // Lagging nodes answered: those without a part in the dealing cannot get one by a relay.
  const unreachableByRelay = share.lagging.filter((node) => !inDealing(node));
  // Silent nodes cut off once t answered may have missed the dealing too; installs are idempotent.
  const relay = [...share.lagging, ...share.pending].filter(inDealing);
  if (relay.length > 0) {
    const authorization = authorizeDealing(session.material().m, dealing);
    try {
      const result = await backend.installDealing(
        creds,
        dealing,
        session.state.receipt,
        { authorization, creation: session.state.record.creation },
        relay,
      );
      report.relayedTo = result.acks;
      for (const f of result.failures)
        if (f.reason.startsWith('inbox-unknown')) unreachableByRelay.push(f.node);
    } catch {
      // a lagging node that is still down is retried at the next login
    }
  }
  if (unreachableByRelay.length > 0) {
    // Only a new dealing, sealed to the inboxes those nodes hold now, gives them a part again.
    await refreshShares({ backend, login: creds, session });
    report.redealtFor = unreachableByRelay.sort((a, b) => a - b);
  }
  return report;
}
