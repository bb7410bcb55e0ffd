/**
 * Opens a PostgreSQL pool confined to one schema: the schema is created when absent and
 * every connection of the pool gets it as its search_path, so unqualified table names
 * resolve there and two servers (or two test runs) never see each other's tables.
 */
import pg from 'pg';
import { TrineError } from '../errors/index.ts';
import { describeStore } from './url.ts';

export type PgPool = pg.Pool;

export type OpenPostgresParameters = {
  connectionString: string;
  schema: string;
  max?: number;
};

export async function openPostgres({
  connectionString,
  schema,
  max = 10,
}: OpenPostgresParameters): Promise<PgPool> {
  const where = describeStore({ kind: 'postgres', connectionString, schema });
  // schema is checked by parseStoreUrl (a-z0-9_); quoting keeps it an identifier anyway
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  const setup = new pg.Client({ connectionString });
  try {
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`).catch((error: { code?: string }) => {
      // two servers creating one schema at once: the loser sees a duplicate, which is fine
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
  } catch (cause) {
    throw new TrineError({
      code: 'internal',
      message: `cannot open the PostgreSQL store ${where}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  } finally {
    await setup.end().catch(() => {});
  }
  const pool = new pg.Pool({ connectionString, max, options: `-c search_path=${quoted}` });
  pool.on('error', () => {}); // an idle client lost: the next query reconnects or reports
  return pool;
}
