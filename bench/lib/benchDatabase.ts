/**
 * A PostgreSQL database of the benchmark's own (CREATE DATABASE on the server the URL
 * names), so bulk-loaded millions of rows never land in the test database, and dropping it
 * at the end removes them all at once.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type BenchDatabase = { url: string; name: string; drop(): Promise<void> };

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `trine_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
