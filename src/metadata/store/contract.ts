/**
 * The metadata store contract: one table of user records keyed by the pseudonym P. Every
 * backend (SQLite embedded, PostgreSQL at scale) implements exactly this, and the same
 * test suite (test/integration/metadata/store.test.ts) runs against each.
 *
 * - `create` inserts only when P is absent, atomically: of any number of concurrent
 *   creators for one P (in any number of processes), exactly one gets `created: true`.
 * - `compareAndSwap` replaces the record only while the stored version still equals
 *   `expectedVersion`, and the new version is `expectedVersion + 1`: two writers that read
 *   the same version can never both succeed, so no acknowledged write is ever lost.
 * - Both keep a factor index (factor public key → P) in the same transaction: `findByFactor`
 *   finds exactly the records whose current factors, or `previous.factors` while present,
 *   hold that key (see factorIndex.ts). A database made before the index gets it filled
 *   from the stored records when the store is opened.
 * - A call resolves only after the change is durable (SQLite synchronous=FULL, PostgreSQL
 *   commit): a write that was answered survives a crash of the process.
 * The store never interprets a record; checks happen before it is called.
 */
import type { MetadataRecord, Receipt } from '../../protocol/formats.ts';

export type StoredRecord = {
  version: number;
  record: MetadataRecord;
  /** The server's receipt for the record's current dealing. */
  receipt: Receipt;
};

export type CreateResult = { created: true } | { created: false; existing: StoredRecord };

export type SwapResult =
  | { swapped: true; version: number }
  | { swapped: false; currentVersion: number | null };

export interface MetadataStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Insert `record` at version 1 when P has no record; otherwise return what is stored. */
  create(record: MetadataRecord, receipt: Receipt): Promise<CreateResult>;
  get(P: string): Promise<StoredRecord | undefined>;
  /** Replace P's record iff its version is `expectedVersion`; the new version is expectedVersion + 1. */
  compareAndSwap(expectedVersion: number, record: MetadataRecord, receipt: Receipt): Promise<SwapResult>;
  /**
   * The records filed under this factor public key, most recently written first, at most
   * MAX_RECORDS_PER_FACTOR of them; [] when none.
   */
  findByFactor(factorPub: string): Promise<StoredRecord[]>;
  /** Throws when the database cannot answer (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
