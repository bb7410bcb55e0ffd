/**
 * The embedded node store: one SQLite file per node (see `contract.ts`). After every
 * replace the WAL is checkpointed and truncated: secure_delete zeroes the freed pages of
 * the main file, but the old page images (the replaced epoch, a used inbox key) would
 * otherwise stay in `-wal` until the next automatic checkpoint.
 */
import { openSqlite } from '../../storage/sqlite.ts';
import type { NodeStore, Reseal, SealedRow, StoredInbox, StoredRecord } from './contract.ts';

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
    CREATE TABLE IF NOT EXISTS node_inboxes (p TEXT PRIMARY KEY, pub TEXT NOT NULL, sealed BLOB NOT NULL);
  `);
  const select = db.prepare<[string], Row>('SELECT p, epoch, sealed FROM node_records WHERE p = ?');
  const upsert = db.prepare(
    `INSERT INTO node_records (p, epoch, sealed, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (p) DO UPDATE SET epoch = excluded.epoch, sealed = excluded.sealed, updated_at = excluded.updated_at`,
  );
  const selectInbox = db.prepare<[string], { pub: string; sealed: Buffer }>(
    'SELECT pub, sealed FROM node_inboxes WHERE p = ?',
  );
  const insertInbox = db.prepare(
    'INSERT INTO node_inboxes (p, pub, sealed) VALUES (?, ?, ?) ON CONFLICT (p) DO NOTHING',
  );
  const deleteInbox = db.prepare('DELETE FROM node_inboxes WHERE p = ? AND pub = ?');
  const replace = db.transaction(
    (P: string, expected: number, epoch: number, sealed: Uint8Array, usedInbox: string | undefined) => {
      const current = select.get(P)?.epoch ?? 0;
      if (current !== expected) return false;
      if (usedInbox !== undefined && deleteInbox.run(P, usedInbox).changes !== 1) return false;
      upsert.run(P, epoch, Buffer.from(sealed), Date.now());
      return true;
    },
  );
  const toInbox = (row: { pub: string; sealed: Buffer }): StoredInbox => ({
    pub: row.pub,
    sealed: new Uint8Array(row.sealed),
  });
  const selectSetting = db.prepare<[string], { value: Buffer }>(
    'SELECT value FROM node_settings WHERE name = ?',
  );
  const insertSetting = db.prepare(
    'INSERT INTO node_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const countRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM node_records');
  const putSetting = db.prepare(
    'INSERT INTO node_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
  );
  const deleteSetting = db.prepare('DELETE FROM node_settings WHERE name = ?');
  const pages = {
    records: db.prepare<[string, number], { p: string; sealed: Buffer }>(
      'SELECT p, sealed FROM node_records WHERE p > ? ORDER BY p LIMIT ?',
    ),
    inboxes: db.prepare<[string, number], { p: string; pub: string; sealed: Buffer }>(
      'SELECT p, pub, sealed FROM node_inboxes WHERE p > ? ORDER BY p LIMIT ?',
    ),
  };
  const resealOne = {
    records: db.prepare('UPDATE node_records SET sealed = ? WHERE p = ? AND sealed = ?'),
    inboxes: db.prepare('UPDATE node_inboxes SET sealed = ? WHERE p = ? AND sealed = ?'),
  };
  const reseal = db.transaction((changes: readonly Reseal[]) => {
    let applied = 0;
    for (const c of changes)
      applied += resealOne[c.table].run(Buffer.from(c.to), c.P, Buffer.from(c.from)).changes;
    return applied;
  });

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
    async replace(P, expectedEpoch, epoch, sealed, usedInbox) {
      const replaced = replace.immediate(P, expectedEpoch, epoch, sealed, usedInbox);
      if (replaced) db.pragma('wal_checkpoint(TRUNCATE)');
      return replaced;
    },
    async getInbox(P) {
      const row = selectInbox.get(P);
      return row ? toInbox(row) : undefined;
    },
    async initInbox(P, inbox) {
      insertInbox.run(P, inbox.pub, Buffer.from(inbox.sealed));
      return toInbox(selectInbox.get(P)!);
    },
    async getSetting(name) {
      const row = selectSetting.get(name);
      return row ? new Uint8Array(row.value) : undefined;
    },
    async initSetting(name, value) {
      insertSetting.run(name, Buffer.from(value));
      return new Uint8Array(selectSetting.get(name)!.value);
    },
    async putSetting(name, value) {
      putSetting.run(name, Buffer.from(value));
    },
    async deleteSetting(name) {
      deleteSetting.run(name);
    },
    async sealedRows(table, afterP, limit) {
      return pages[table].all(afterP, limit).map(
        (row): SealedRow => ({
          P: row.p,
          ...('pub' in row ? { pub: row.pub as string } : {}),
          sealed: new Uint8Array(row.sealed),
        }),
      );
    },
    async reseal(changes) {
      const applied = reseal.immediate(changes);
      db.pragma('wal_checkpoint(TRUNCATE)');
      return applied;
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
