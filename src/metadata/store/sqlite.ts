/**
 * Embedded backend: one SQLite file opened by `src/storage/sqlite.ts` (WAL journal,
 * synchronous=FULL so a committed write survives a power cut, secure_delete, busy_timeout
 * so several processes may share the file). better-sqlite3 is synchronous: a create or a
 * swap is one short IMMEDIATE transaction (the record row and its factor index rows).
 */

import { MAX_RECORDS_PER_FACTOR, type MetadataRecord, type Receipt } from '../../protocol/formats.ts';
import { openSqlite, type SqliteDatabase } from '../../storage/sqlite.ts';
import type { CreateResult, MetadataStore, StoredRecord, SwapResult } from './contract.ts';
import { indexedFactors } from './factorIndex.ts';

type Row = { version: number; record: string; receipt: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  p TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  record TEXT NOT NULL,
  receipt TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT`;

const FACTOR_INDEX = `
CREATE TABLE IF NOT EXISTS record_factors (
  factor TEXT NOT NULL,
  p TEXT NOT NULL,
  PRIMARY KEY (factor, p)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS record_factors_by_p ON record_factors (p)`;

/** Files every stored record under its factors (a database made before the index). */
const BACKFILL = `
INSERT OR IGNORE INTO record_factors (factor, p)
  SELECT json_extract(f.value, '$.pub'), r.p FROM records r, json_each(r.record, '$.factors') f
  UNION
  SELECT json_extract(f.value, '$.pub'), r.p FROM records r, json_each(r.record, '$.previous.factors') f`;

function migrate(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    const indexed = db.prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'record_factors'",
    );
    const hadIndex = indexed.get() !== undefined;
    db.exec(FACTOR_INDEX);
    if (!hadIndex) db.exec(BACKFILL);
  }).immediate();
}

export function openSqliteStore(file: string): MetadataStore {
  const db = openSqlite(file);
  migrate(db);
  const insert = db.prepare(
    'INSERT INTO records (p, version, epoch, record, receipt, updated_at) VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT (p) DO NOTHING',
  );
  const select = db.prepare<[string], Row>('SELECT version, record, receipt FROM records WHERE p = ?');
  const swap = db.prepare(
    'UPDATE records SET version = version + 1, epoch = ?, record = ?, receipt = ?, updated_at = ? WHERE p = ? AND version = ?',
  );
  const versionOf = db.prepare<[string], { version: number }>('SELECT version FROM records WHERE p = ?');
  const fileFactor = db.prepare('INSERT OR IGNORE INTO record_factors (factor, p) VALUES (?, ?)');
  const unfileFactors = db.prepare('DELETE FROM record_factors WHERE p = ?');
  const byFactor = db.prepare<[string, number], Row>(
    `SELECT r.version, r.record, r.receipt FROM record_factors f JOIN records r ON r.p = f.p
     WHERE f.factor = ? ORDER BY r.updated_at DESC, r.p LIMIT ?`,
  );
  const fileUnder = (record: MetadataRecord) => {
    for (const pub of indexedFactors(record)) fileFactor.run(pub, record.P);
  };

  // record row and index rows commit together, or not at all
  const createTx = db.transaction((record: MetadataRecord, receipt: Receipt): number => {
    const { changes } = insert.run(
      record.P,
      record.epoch,
      JSON.stringify(record),
      JSON.stringify(receipt),
      Date.now(),
    );
    if (changes === 1) fileUnder(record);
    return changes;
  });
  const swapTx = db.transaction((expectedVersion: number, record: MetadataRecord, receipt: Receipt) => {
    const { changes } = swap.run(
      record.epoch,
      JSON.stringify(record),
      JSON.stringify(receipt),
      Date.now(),
      record.P,
      expectedVersion,
    );
    if (changes === 1) {
      unfileFactors.run(record.P);
      fileUnder(record);
    }
    return changes;
  });

  const get = (P: string): StoredRecord | undefined => {
    const row = select.get(P);
    return row && decode(row);
  };

  return {
    backend: 'sqlite',
    async create(record: MetadataRecord, receipt: Receipt): Promise<CreateResult> {
      const changes = createTx.immediate(record, receipt);
      if (changes === 1) return { created: true };
      const existing = get(record.P);
      if (!existing) throw new Error('sqlite store: record vanished after a conflicting insert');
      return { created: false, existing };
    },
    async get(P) {
      return get(P);
    },
    async compareAndSwap(expectedVersion, record, receipt): Promise<SwapResult> {
      const changes = swapTx.immediate(expectedVersion, record, receipt);
      if (changes === 1) return { swapped: true, version: expectedVersion + 1 };
      return { swapped: false, currentVersion: versionOf.get(record.P)?.version ?? null };
    },
    async findByFactor(factorPub) {
      return byFactor.all(factorPub, MAX_RECORDS_PER_FACTOR).map(decode);
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      db.close();
    },
  };
}

function decode(row: Row): StoredRecord {
  return { version: row.version, record: JSON.parse(row.record), receipt: JSON.parse(row.receipt) };
}
