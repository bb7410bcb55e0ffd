/**
 * Two factors without the network: any two factor shares of one epoch rebuild k and m
 * (two points of each line), each share checked against that epoch's commitments and the
 * result against the record's K and M. The record comes from
 * the device's cache or the metadata server; no node is asked. This is how a user can
 * always leave with their key.
 */
import { TrineError } from '../../errors/index.ts';
import type { FactorEntry, MetadataRecord, Receipt } from '../../protocol/formats.ts';
import { type FactorProof, openFactor } from '../factors.ts';
import { type KeyMaterial, materialFromShares } from '../material.ts';
import { WalletSession } from '../session.ts';
import type { EpochCommitments } from '../shareCheck.ts';
import { assertRebuilt } from '../verify.ts';

export async function recoverOffline(
  state: { version: number; record: MetadataRecord; receipt: Receipt },
  first: FactorProof,
  second: FactorProof,
): Promise<WalletSession> {
  const { record } = state;
  const { K, M } = { K: record.tss.K, M: record.meta.M };
  const epochs: { epoch: number; factors: readonly FactorEntry[]; commitments: EpochCommitments }[] = [
    { epoch: record.epoch, factors: record.factors, commitments: { ...record.tss, ...record.meta } },
  ];
  if (record.previous)
    epochs.push({
      epoch: record.previous.epoch,
      factors: record.previous.factors,
      commitments: { K, A1: record.previous.tss.A1, M, B1: record.previous.meta.B1 },
    });
  let lastError: unknown;
  for (const { epoch, factors, commitments } of epochs) {
    try {
      const a = await openFactor(record.P, epoch, factors, first, commitments);
      const b = await openFactor(record.P, epoch, factors, second, commitments);
      if (a.entry.index === b.entry.index)
        throw new TrineError({ code: 'invalid-input', message: 'two different factors are needed' });
      const material: KeyMaterial = materialFromShares(a.entry.index, a.pair, b.entry.index, b.pair);
      assertRebuilt(material, record.tss.K, record.meta.M);
      // From `previous` (a refresh not yet installed) the slopes are the old ones: k and m
      // are right, which is all leaving with the key needs; the next online login finishes it.
      // Only the record state: extra fields (the server's `others`) would not survive
      // WalletSession.serialize → restore (storage.session after a worker restart).
      const { version, receipt } = state;
      return new WalletSession(material, { version, record, receipt });
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}
