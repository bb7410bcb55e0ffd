/**
 * Embedded backend: one SQLite file opened by `src/storage/sqlite.ts` (WAL journal,
 * synchronous=FULL so a committed write survives a power cut, secure_delete, busy_timeout
 * so several processes may share the file). better-sqlite3 is synchronous: each call is
 * one short statement, atomic by itself.
 */

import type { MetadataRecord, Receipt } from '../../protocol/formats.ts';
import { openSqlite } from '../../storage/sqlite.ts';
import type { CreateResult, MetadataStore, StoredRecord, SwapResult } from './contract.ts';

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

export function openSqliteStore(file: string): MetadataStore {
  const db = openSqlite(file);
  db.exec(SCHEMA);
  const insert = db.prepare(
    'INSERT INTO records (p, version, epoch, record, receipt, updated_at) VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT (p) DO NOTHING',
  );
  const select = db.prepare<[string], Row>('SELECT version, record, receipt FROM records WHERE p = ?');
  const swap = db.prepare(
    'UPDATE records SET version = version + 1, epoch = ?, record = ?, receipt = ?, updated_at = ? WHERE p = ? AND version = ?',
  );
  const versionOf = db.prepare<[string], { version: number }>('SELECT version FROM records WHERE p = ?');

  const get = (P: string): StoredRecord | undefined => {
    const row = select.get(P);
    return row && decode(row);
  };

  return {
    backend: 'sqlite',
    async create(record: MetadataRecord, receipt: Receipt): Promise<CreateResult> {
      const { changes } = insert.run(
        record.P,
        record.epoch,
        JSON.stringify(record),
        JSON.stringify(receipt),
        Date.now(),
      );
      if (changes === 1) return { created: true };
      const existing = get(record.P);
      if (!existing) throw new Error('sqlite store: record vanished after a conflicting insert');
      return { created: false, existing };
    },
    async get(P) {
      return get(P);
    },
    async compareAndSwap(expectedVersion, record, receipt): Promise<SwapResult> {
      const { changes } = swap.run(
        record.epoch,
        JSON.stringify(record),
        JSON.stringify(receipt),
        Date.now(),
        record.P,
        expectedVersion,
      );
      if (changes === 1) return { swapped: true, version: expectedVersion + 1 };
      return { swapped: false, currentVersion: versionOf.get(record.P)?.version ?? null };
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
