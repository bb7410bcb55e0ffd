/**
 * What a write may change. The keys never change (K, M: they are the wallet), nor does the
 * creation proof. The epoch
 * stays, or grows by exactly one with a new dealing for it (a refresh). Within an epoch the
 * dealing and commitments stay, and `previous` may only be dropped (the refresh got
 * installed). A new epoch keeps the old read key reachable through `previous` if present.
 * Share indices are never reused: nextIndex never decreases and a factor at an index not
 * held before must be at or above the old nextIndex.
 */
import type { NetworkConfig } from '../../config/network.ts';
import { canonicalJson } from '../../crypto/canonical.ts';
import { TrineError } from '../../errors/index.ts';
import type { MetadataRecord } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';
import { checkDealing } from './dealing.ts';

const refuse = (message: string, field: string) =>
  new TrineError({ code: 'invalid-input', message, details: { field } });

export function checkRecordUpdate(
  network: NetworkConfig,
  stored: MetadataRecord,
  next: MetadataRecord,
): void {
  if (next.tss.K !== stored.tss.K) throw refuse('K never changes', 'record.tss.K');
  if (next.meta.M !== stored.meta.M) throw refuse('M never changes', 'record.meta.M');
  if (canonicalJson(next.creation) !== canonicalJson(stored.creation))
    throw refuse('the creation proof never changes', 'record.creation');
  checkIndices(stored, next);
  if (next.epoch === stored.epoch) {
    if (dealingHash(next.dealing) !== dealingHash(stored.dealing))
      throw refuse('the dealing changes only with a new epoch', 'record.dealing');
    if (next.previous && canonicalJson(next.previous) !== canonicalJson(stored.previous ?? null))
      throw refuse('previous can only be kept or dropped within an epoch', 'record.previous');
    return;
  }
  if (next.epoch !== stored.epoch + 1)
    throw new TrineError({
      code: 'stale-epoch',
      message: `epoch may only stay at ${stored.epoch} or become ${stored.epoch + 1}, not ${next.epoch}`,
      details: { field: 'record.epoch', epoch: stored.epoch },
    });
  if (next.previous) {
    if (next.previous.tss.A1 !== stored.tss.A1 || next.previous.meta.B1 !== stored.meta.B1)
      throw refuse('previous must hold the replaced epoch', 'record.previous');
  }
  checkDealing(network, next.dealing);
}

function checkIndices(stored: MetadataRecord, next: MetadataRecord): void {
  if (next.nextIndex < stored.nextIndex)
    throw refuse(`nextIndex may not go back below ${stored.nextIndex}`, 'record.nextIndex');
  const held = new Map<number, string>();
  for (const f of [...stored.factors, ...(stored.previous?.factors ?? [])]) held.set(f.index, f.pub);
  for (const f of next.factors) {
    const pub = held.get(f.index);
    if (pub === undefined ? f.index < stored.nextIndex : pub !== f.pub)
      throw refuse(`share index ${f.index} was used before`, 'record.factors');
  }
}
