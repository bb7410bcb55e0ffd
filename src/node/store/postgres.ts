/**
 * The PostgreSQL node store (see `contract.ts`). The compare-and-swap is one statement
 * (INSERT … ON CONFLICT DO NOTHING for a new user, UPDATE … WHERE epoch = expected
 * otherwise), so concurrent installs on one node cannot both win.
 */
import { openPostgres } from '../../storage/postgres.ts';
import type { NodeStore } from './contract.ts';

export async function openPostgresNodeStore(connectionString: string, schema: string): Promise<NodeStore> {
  const pool = await openPostgres({ connectionString, schema });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS node_records (
      p TEXT PRIMARY KEY,
      epoch INTEGER NOT NULL CHECK (epoch >= 1),
      sealed BYTEA NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS node_settings (name TEXT PRIMARY KEY, value BYTEA NOT NULL);
    CREATE TABLE IF NOT EXISTS node_inboxes (p TEXT PRIMARY KEY, pub TEXT NOT NULL, sealed BYTEA NOT NULL);
  `);
  return {
    kind: 'postgres',
    async get(P) {
      const { rows } = await pool.query<{ epoch: number; sealed: Buffer }>(
        'SELECT epoch, sealed FROM node_records WHERE p = $1',
        [P],
      );
      const row = rows[0];
      return row ? { P, epoch: row.epoch, sealed: new Uint8Array(row.sealed) } : undefined;
    },
    async replace(P, expectedEpoch, epoch, sealed, usedInbox) {
      const value = Buffer.from(sealed);
      const swap = (db: Pick<typeof pool, 'query'>) =>
        expectedEpoch === 0
          ? db.query(
              'INSERT INTO node_records (p, epoch, sealed) VALUES ($1, $2, $3) ON CONFLICT (p) DO NOTHING',
              [P, epoch, value],
            )
          : db.query(
              'UPDATE node_records SET epoch = $3, sealed = $4, updated_at = now() WHERE p = $1 AND epoch = $2',
              [P, expectedEpoch, epoch, value],
            );
      if (usedInbox === undefined) return (await swap(pool)).rowCount === 1;
      // the inbox goes with the install, or neither happens
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const deleted = await client.query('DELETE FROM node_inboxes WHERE p = $1 AND pub = $2', [
          P,
          usedInbox,
        ]);
        if (deleted.rowCount !== 1 || (await swap(client)).rowCount !== 1) {
          await client.query('ROLLBACK');
          return false;
        }
        await client.query('COMMIT');
        return true;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async getInbox(P) {
      const { rows } = await pool.query<{ pub: string; sealed: Buffer }>(
        'SELECT pub, sealed FROM node_inboxes WHERE p = $1',
        [P],
      );
      const row = rows[0];
      return row ? { pub: row.pub, sealed: new Uint8Array(row.sealed) } : undefined;
    },
    async initInbox(P, inbox) {
      await pool.query(
        'INSERT INTO node_inboxes (p, pub, sealed) VALUES ($1, $2, $3) ON CONFLICT (p) DO NOTHING',
        [P, inbox.pub, Buffer.from(inbox.sealed)],
      );
      const { rows } = await pool.query<{ pub: string; sealed: Buffer }>(
        'SELECT pub, sealed FROM node_inboxes WHERE p = $1',
        [P],
      );
      return { pub: rows[0]!.pub, sealed: new Uint8Array(rows[0]!.sealed) };
    },
    async getSetting(name) {
      const { rows } = await pool.query<{ value: Buffer }>(
        'SELECT value FROM node_settings WHERE name = $1',
        [name],
      );
      return rows[0] ? new Uint8Array(rows[0].value) : undefined;
    },
    async initSetting(name, value) {
      await pool.query('INSERT INTO node_settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        name,
        Buffer.from(value),
      ]);
      const { rows } = await pool.query<{ value: Buffer }>(
        'SELECT value FROM node_settings WHERE name = $1',
        [name],
      );
      return new Uint8Array(rows[0]!.value);
    },
    async putSetting(name, value) {
      await pool.query(
        'INSERT INTO node_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
        [name, Buffer.from(value)],
      );
    },
    async deleteSetting(name) {
      await pool.query('DELETE FROM node_settings WHERE name = $1', [name]);
    },
    async sealedRows(table, afterP, limit) {
      const { rows } = await pool.query<{ p: string; pub?: string; sealed: Buffer }>(
        table === 'records'
          ? 'SELECT p, sealed FROM node_records WHERE p > $1 ORDER BY p LIMIT $2'
          : 'SELECT p, pub, sealed FROM node_inboxes WHERE p > $1 ORDER BY p LIMIT $2',
        [afterP, limit],
      );
      return rows.map((row) => ({
        P: row.p,
        ...(row.pub !== undefined ? { pub: row.pub } : {}),
        sealed: new Uint8Array(row.sealed),
      }));
    },
    async reseal(changes) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        let applied = 0;
        for (const c of changes) {
          const table = c.table === 'records' ? 'node_records' : 'node_inboxes';
          const result = await client.query(`UPDATE ${table} SET sealed = $1 WHERE p = $2 AND sealed = $3`, [
            Buffer.from(c.to),
            c.P,
            Buffer.from(c.from),
          ]);
          applied += result.rowCount ?? 0;
        }
        await client.query('COMMIT');
        return applied;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async count() {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM node_records');
      return Number(rows[0]?.n ?? 0);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
