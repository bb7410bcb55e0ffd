/**
 * The factor index: factor public key → P, for reads authorised by a factor key
 * (POST /v1/records/read-by-factor). A record is filed under every factor of its current
 * epoch and, while a refresh is being installed, of `previous` too; both backends rewrite a
 * record's rows in the same transaction as the record itself, so the index never disagrees
 * with the records. One factor key may belong to several records (the same passkey or
 * imported key in two accounts): the key is the pair (factor, P).
 */
import type { MetadataRecord } from '../../protocol/formats.ts';

/** The factor public keys a record is filed under (distinct). */
export function indexedFactors(record: MetadataRecord): string[] {
  const pubs = new Set(record.factors.map((f) => f.pub));
  for (const f of record.previous?.factors ?? []) pubs.add(f.pub);
  return [...pubs];
}
