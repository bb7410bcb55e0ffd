/**
 * PostgreSQL backend (pg pool). Each statement is its own transaction: create is
 * `INSERT … ON CONFLICT DO NOTHING` on the primary key P (the unique index admits exactly
 * one creator, whatever the number of processes), compare-and-swap is `UPDATE … WHERE
 * version = $expected` (row lock: concurrent swaps of one version serialise and all but
 * one see zero rows). Any number of stateless server processes can share one database.
 * Reads may go to a replica only if the caller accepts a stale version: see docs/METADATA.md.
 */
import type pg from 'pg';
import type { MetadataRecord, Receipt } from '../../protocol/formats.ts';
import { openPostgres } from '../../storage/postgres.ts';
import type { CreateResult, MetadataStore, StoredRecord, SwapResult } from './contract.ts';

type Row = { version: string | number; record: string; receipt: string };

/** Serialises table creation between processes starting together. */
const MIGRATION_LOCK = 0x7472696e; // "trin"

export async function openPostgresStore(
  connectionString: string,
  schema: string,
  poolSize = 10,
): Promise<MetadataStore> {
  // the pool works inside `schema` (created when missing, set as search_path)
  const pool = await openPostgres({ connectionString, schema, max: poolSize });
  await migrate(pool);

  const get = async (P: string): Promise<StoredRecord | undefined> => {
    const { rows } = await pool.query<Row>('SELECT version, record, receipt FROM records WHERE p = $1', [P]);
    return rows[0] && decode(rows[0]);
  };

  return {
    backend: 'postgres',
    async create(record: MetadataRecord, receipt: Receipt): Promise<CreateResult> {
      const { rowCount } = await pool.query(
        `INSERT INTO records (p, version, epoch, record, receipt, updated_at)
         VALUES ($1, 1, $2, $3, $4, now()) ON CONFLICT (p) DO NOTHING`,
        [record.P, record.epoch, JSON.stringify(record), JSON.stringify(receipt)],
      );
      if (rowCount === 1) return { created: true };
      const existing = await get(record.P);
      if (!existing) throw new Error('postgres store: record vanished after a conflicting insert');
      return { created: false, existing };
    },
    get,
    async compareAndSwap(expectedVersion, record, receipt): Promise<SwapResult> {
      const { rows } = await pool.query<{ version: string }>(
        `UPDATE records SET version = version + 1, epoch = $1, record = $2, receipt = $3, updated_at = now()
         WHERE p = $4 AND version = $5 RETURNING version`,
        [record.epoch, JSON.stringify(record), JSON.stringify(receipt), record.P, expectedVersion],
      );
      if (rows[0]) return { swapped: true, version: Number(rows[0].version) };
      const current = await pool.query<{ version: string }>('SELECT version FROM records WHERE p = $1', [
        record.P,
      ]);
      return { swapped: false, currentVersion: current.rows[0] ? Number(current.rows[0].version) : null };
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS records (
      p TEXT PRIMARY KEY,
      version BIGINT NOT NULL,
      epoch INTEGER NOT NULL,
      record TEXT NOT NULL,
      receipt TEXT NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function decode(row: Row): StoredRecord {
  return { version: Number(row.version), record: JSON.parse(row.record), receipt: JSON.parse(row.receipt) };
}
