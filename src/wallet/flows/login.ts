/**
 * Login of an existing user (ARCHITECTURE §4):
 *   1. all N nodes at once → network share (f(1), g(1)) of the nodes' epoch   [round trip 1]
 *   2. the record, read with a signature by g(1)                               [round trip 2]
 *   3. the network share and the factor's share (opened with the factor key) each checked
 *      against the record's commitments of their epoch; k, m rebuilt from the two shares;
 *      k·G = K and m·G = M checked.
 * Then, off the critical path, `maintenance` finishes whatever an earlier session left
 * half done (a refresh not installed, nodes that missed a dealing).
 */
import { TrineError } from '../../errors/index.ts';
import type { Login, NetworkShare, RecordState, WalletBackend } from '../backend.ts';
import { type FactorProof, openFactor } from '../factors.ts';
import { type KeyMaterial, materialFromShares } from '../material.ts';
import type { Progress } from '../progress.ts';
import { WalletSession } from '../session.ts';
import { assertShareMatches, type EpochCommitments } from '../shareCheck.ts';
import { assertRebuilt } from '../verify.ts';
import { finishRefresh, type MaintenanceReport, tidyAfterLogin } from './maintenance.ts';

export type LoginParameters = {
  backend: WalletBackend;
  login: Login;
  proof: FactorProof;
  onProgress?: ((p: Progress) => void) | undefined;
};

export type LoginResult = {
  session: WalletSession;
  /** Which factor was used (its public key), for "last used" bookkeeping. */
  factorPub: string;
  /** Background completion of earlier interrupted work; resolves with what was done. */
  maintenance: Promise<MaintenanceReport>;
};

export async function login({
  backend,
  login: creds,
  proof,
  onProgress,
}: LoginParameters): Promise<LoginResult> {
  const share = await backend.fetchNetworkShare(creds, onProgress);
  onProgress?.({ step: 'record' });
  const state = await backend.readRecord(share.P, share.share.g);
  return unlockWithRecord(backend, creds, share, state, proof, onProgress);
}

/** Steps 3+ of login, given the network share and the record. */
export async function unlockWithRecord(
  backend: WalletBackend,
  creds: Login,
  share: NetworkShare,
  state: RecordState,
  proof: FactorProof,
  onProgress?: (p: Progress) => void,
): Promise<LoginResult> {
  const { record } = state;
  if (record.P !== share.P || record.tss.K !== share.K || record.meta.M !== share.M)
    throw new TrineError({
      code: 'key-mismatch',
      message: 'the record does not belong to the wallet the nodes hold',
    });
  onProgress?.({ step: 'factor' });

  if (record.epoch === share.epoch) {
    const commitments: EpochCommitments = { ...record.tss, ...record.meta };
    assertShareMatches(1, share.share, commitments, "the nodes' network share");
    const opened = await openFactor(record.P, record.epoch, record.factors, proof, commitments);
    const material = materialFromShares(1, share.share, opened.entry.index, opened.pair);
    assertRebuilt(material, share.K, share.M);
    const session = new WalletSession(material, state);
    onProgress?.({ step: 'done' });
    return {
      session,
      factorPub: opened.entry.pub,
      maintenance: tidyAfterLogin(backend, creds, session, share),
    };
  }

  // A refresh was written but not installed on the nodes: they still serve the epoch before.
  const previous = record.previous;
  if (!previous || previous.epoch !== share.epoch)
    throw new TrineError({
      code: 'stale-epoch',
      message: `nodes serve epoch ${share.epoch} but the record is at epoch ${record.epoch}`,
      details: { nodes: share.epoch, record: record.epoch },
    });
  const before: EpochCommitments = {
    K: record.tss.K,
    A1: previous.tss.A1,
    M: record.meta.M,
    B1: previous.meta.B1,
  };
  assertShareMatches(1, share.share, before, "the nodes' network share");
  const opened = await openFactor(record.P, previous.epoch, previous.factors, proof, before);
  const old: KeyMaterial = materialFromShares(1, share.share, opened.entry.index, opened.pair);
  assertRebuilt(old, share.K, share.M);
  const { session } = await finishRefresh(backend, creds, old, state, opened.factorKey, opened.entry.pub);
  onProgress?.({ step: 'done' });
  return {
    session,
    factorPub: opened.entry.pub,
    maintenance: Promise.resolve({ finishedRefresh: true, finalized: true, relayedTo: [], redealtFor: [] }),
  };
}
