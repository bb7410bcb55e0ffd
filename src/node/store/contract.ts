/**
 * The node's storage contract, written once; `sqlite.ts` and `postgres.ts` implement it
 * and `test/integration/node/store.test.ts` runs the same suite on both.
 *
 * The store keeps one row per user pseudonym P: the current epoch (public, for the
 * compare-and-swap) and the record sealed under the node's storage key (see
 * `../record.ts`). It never sees plaintext. Replacing a row is how an older epoch is
 * deleted: there is never more than one epoch per P.
 *
 * Beside it, at most one inbox per P: the one-time X25519 key the user's next dealing is
 * sealed to (public half in clear, private half sealed under the storage key). The install
 * that uses it deletes it in the same transaction, so once a dealing is installed nothing
 * on this node can open it again (forward security of refresh).
 *
 * Deleted data must not linger on disk: SQLite runs with secure_delete and checkpoints
 * (TRUNCATE) its WAL after every replace; see docs/NODE.md for what PostgreSQL promises.
 */
export type StoredRecord = { P: string; epoch: number; sealed: Uint8Array };
export type StoredInbox = { pub: string; sealed: Uint8Array };
/** A sealed row as the storage key rotation sees it: a record, or an inbox (with its `pub`). */
export type SealedRow = { P: string; pub?: string; sealed: Uint8Array };
/** One re-encryption: the row of P in `table` gets `to` if it still holds `from`. */
export type Reseal = { table: 'records' | 'inboxes'; P: string; from: Uint8Array; to: Uint8Array };

export type NodeStore = {
  readonly kind: 'sqlite' | 'postgres';
  /** The sealed record of P, if any. */
  get(P: string): Promise<StoredRecord | undefined>;
  /**
   * Store P's record at `epoch` if the stored epoch is still `expectedEpoch` (0 = no row).
   * Returns false, changing nothing, when another install won the race. With `usedInbox`
   * the inbox of that public key is deleted in the same transaction (and the swap fails,
   * changing nothing, if it is no longer there).
   */
  replace(
    P: string,
    expectedEpoch: number,
    epoch: number,
    sealed: Uint8Array,
    usedInbox?: string,
  ): Promise<boolean>;
  /** P's current inbox, if any. */
  getInbox(P: string): Promise<StoredInbox | undefined>;
  /** Store `inbox` as P's inbox unless one exists; returns the one stored afterwards (the first wins). */
  initInbox(P: string, inbox: StoredInbox): Promise<StoredInbox>;
  /** A small named value (the storage key check). */
  getSetting(name: string): Promise<Uint8Array | undefined>;
  /** Insert a setting when absent; returns what is stored afterwards (the first writer wins). */
  initSetting(name: string, value: Uint8Array): Promise<Uint8Array>;
  /** Set a setting, replacing any value (the storage key rotation swaps the key check). */
  putSetting(name: string, value: Uint8Array): Promise<void>;
  deleteSetting(name: string): Promise<void>;
  /** Up to `limit` rows of `table` with P > `afterP`, in P order (the rotation walks the store). */
  sealedRows(table: 'records' | 'inboxes', afterP: string, limit: number): Promise<SealedRow[]>;
  /**
   * Apply the re-encryptions in one transaction, each only where the row still holds `from`
   * (so a rerun or a concurrent install is never overwritten); returns how many applied.
   * SQLite then checkpoints its WAL, so the replaced ciphertexts leave the disk.
   */
  reseal(changes: readonly Reseal[]): Promise<number>;
  /** Number of user records. */
  count(): Promise<number>;
  /** Throws when the database cannot answer (health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
};
