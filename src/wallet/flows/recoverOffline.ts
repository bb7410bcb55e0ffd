/**
 * Two factors without the network: any two factor shares of one epoch rebuild k and m
 * (two points of each line), checked against the record's K and M. The record comes from
 * the device's cache or the metadata server; no node is asked. This is how a user can
 * always leave with their key.
 */
import { TrineError } from '../../errors/index.ts';
import type { FactorEntry, MetadataRecord, Receipt } from '../../protocol/formats.ts';
import { type FactorProof, openFactor } from '../factors.ts';
import { type KeyMaterial, materialFromShares } from '../material.ts';
import { WalletSession } from '../session.ts';
import { assertRebuilt } from '../verify.ts';

export async function recoverOffline(
  state: { version: number; record: MetadataRecord; receipt: Receipt },
  first: FactorProof,
  second: FactorProof,
): Promise<WalletSession> {
  const { record } = state;
  const epochs: { epoch: number; factors: readonly FactorEntry[] }[] = [
    { epoch: record.epoch, factors: record.factors },
  ];
  if (record.previous) epochs.push({ epoch: record.previous.epoch, factors: record.previous.factors });
  let lastError: unknown;
  for (const { epoch, factors } of epochs) {
    try {
      const a = await openFactor(record.P, epoch, factors, first);
      const b = await openFactor(record.P, epoch, factors, second);
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
