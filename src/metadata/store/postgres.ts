/**
 * PostgreSQL backend (pg pool). Create is `INSERT … ON CONFLICT DO NOTHING` on the primary
 * key P (the unique index admits exactly one creator, whatever the number of processes),
 * compare-and-swap is `UPDATE … WHERE version = $expected` (row lock: concurrent swaps of
 * one version serialise and all but one see zero rows). Each runs in one transaction with
 * the rewrite of the record's factor index rows, which only the holder of the record's row
 * (the creator, or the swapper under the row lock) touches: the index commits with the
 * record or not at all. Any number of stateless server processes can share one database.
 * Reads may go to a replica only if the caller accepts a stale version: see docs/METADATA.md.
 */
import type pg from 'pg';
import { MAX_RECORDS_PER_FACTOR, type MetadataRecord, type Receipt } from '../../protocol/formats.ts';
import { openPostgres } from '../../storage/postgres.ts';
import type { CreateResult, MetadataStore, StoredRecord, SwapResult } from './contract.ts';
import { indexedFactors } from './factorIndex.ts';

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
      const created = await transaction(pool, async (client) => {
        const { rowCount } = await client.query(
          `INSERT INTO records (p, version, epoch, record, receipt, updated_at)
           VALUES ($1, 1, $2, $3, $4, now()) ON CONFLICT (p) DO NOTHING`,
          [record.P, record.epoch, JSON.stringify(record), JSON.stringify(receipt)],
        );
        if (rowCount === 1) await fileUnder(client, record);
        return rowCount === 1;
      });
      if (created) return { created: true };
      const existing = await get(record.P);
      if (!existing) throw new Error('postgres store: record vanished after a conflicting insert');
      return { created: false, existing };
    },
    get,
    async compareAndSwap(expectedVersion, record, receipt): Promise<SwapResult> {
      const swapped = await transaction(pool, async (client) => {
        const { rows } = await client.query<{ version: string }>(
          `UPDATE records SET version = version + 1, epoch = $1, record = $2, receipt = $3, updated_at = now()
           WHERE p = $4 AND version = $5 RETURNING version`,
          [record.epoch, JSON.stringify(record), JSON.stringify(receipt), record.P, expectedVersion],
        );
        if (!rows[0]) return null;
        await client.query('DELETE FROM record_factors WHERE p = $1', [record.P]);
        await fileUnder(client, record);
        return Number(rows[0].version);
      });
      if (swapped !== null) return { swapped: true, version: swapped };
      const current = await pool.query<{ version: string }>('SELECT version FROM records WHERE p = $1', [
        record.P,
      ]);
      return { swapped: false, currentVersion: current.rows[0] ? Number(current.rows[0].version) : null };
    },
    async findByFactor(factorPub) {
      const { rows } = await pool.query<Row>(
        `SELECT r.version, r.record, r.receipt FROM record_factors f JOIN records r ON r.p = f.p
         WHERE f.factor = $1 ORDER BY r.updated_at DESC, r.p LIMIT $2`,
        [factorPub, MAX_RECORDS_PER_FACTOR],
      );
      return rows.map(decode);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function fileUnder(client: pg.PoolClient, record: MetadataRecord): Promise<void> {
  await client.query(
    'INSERT INTO record_factors (factor, p) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING',
    [indexedFactors(record), record.P],
  );
}

/** Files every stored record under its factors (a database made before the index). */
const BACKFILL = `
INSERT INTO record_factors (factor, p)
  SELECT f ->> 'pub', r.p FROM records r, json_array_elements(r.record::json -> 'factors') f
  UNION
  SELECT f ->> 'pub', r.p FROM records r,
    json_array_elements(COALESCE(r.record::json -> 'previous' -> 'factors', '[]'::json)) f
ON CONFLICT DO NOTHING`;

async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS records (
      p TEXT PRIMARY KEY,
      version BIGINT NOT NULL,
      epoch INTEGER NOT NULL,
      record TEXT NOT NULL,
      receipt TEXT NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
    const { rows } = await client.query<{ t: string | null }>(
      "SELECT to_regclass('record_factors')::text AS t",
    );
    await client.query(`CREATE TABLE IF NOT EXISTS record_factors (
      factor TEXT NOT NULL,
      p TEXT NOT NULL,
      PRIMARY KEY (factor, p)
    )`);
    await client.query('CREATE INDEX IF NOT EXISTS record_factors_by_p ON record_factors (p)');
    if (rows[0]?.t == null) await client.query(BACKFILL);
  });
}

function decode(row: Row): StoredRecord {
  return { version: Number(row.version), record: JSON.parse(row.record), receipt: JSON.parse(row.receipt) };
}
