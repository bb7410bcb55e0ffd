/** The embedded node store: one SQLite file per node (see `contract.ts`). */
import { openSqlite } from '../../storage/sqlite.ts';
import type { NodeStore, StoredRecord } from './contract.ts';

type Row = { p: string; epoch: number; sealed: Buffer };

export function openSqliteNodeStore(file: string): NodeStore {
  const db = openSqlite(file);
  db.exec(`
    CREATE TABLE IF NOT EXISTS node_records (
      p TEXT PRIMARY KEY,
      epoch INTEGER NOT NULL CHECK (epoch >= 1),
      sealed BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS node_settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);
  `);
  const select = db.prepare<[string], Row>('SELECT p, epoch, sealed FROM node_records WHERE p = ?');
  const upsert = db.prepare(
    `INSERT INTO node_records (p, epoch, sealed, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (p) DO UPDATE SET epoch = excluded.epoch, sealed = excluded.sealed, updated_at = excluded.updated_at`,
  );
  const replace = db.transaction((P: string, expected: number, epoch: number, sealed: Uint8Array) => {
    const current = select.get(P)?.epoch ?? 0;
    if (current !== expected) return false;
    upsert.run(P, epoch, Buffer.from(sealed), Date.now());
    return true;
  });
  const selectSetting = db.prepare<[string], { value: Buffer }>(
    'SELECT value FROM node_settings WHERE name = ?',
  );
  const insertSetting = db.prepare(
    'INSERT INTO node_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const countRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM node_records');

  const toRecord = (row: Row): StoredRecord => ({
    P: row.p,
    epoch: row.epoch,
    sealed: new Uint8Array(row.sealed),
  });
  return {
    kind: 'sqlite',
    async get(P) {
      const row = select.get(P);
      return row ? toRecord(row) : undefined;
    },
    async replace(P, expectedEpoch, epoch, sealed) {
      return replace.immediate(P, expectedEpoch, epoch, sealed);
    },
    async getSetting(name) {
      const row = selectSetting.get(name);
      return row ? new Uint8Array(row.value) : undefined;
    },
    async initSetting(name, value) {
      insertSetting.run(name, Buffer.from(value));
      return new Uint8Array(selectSetting.get(name)!.value);
    },
    async count() {
      return countRows.get()!.n;
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      db.close();
    },
  };
}
