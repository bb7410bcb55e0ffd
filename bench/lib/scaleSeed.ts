/**
 * Bulk seeding for the scale benchmark: users from … to−1 written straight into the node's
 * (records, inboxes) and the metadata server's (records, factor index) PostgreSQL tables (created by the servers' own store code) with
 * large INSERT … SELECT statements, never through the HTTP API.
 *
 * User i is subject `scale-<i>` of the dev verifier; its P is the pseudonym every node
 * computes from its id token (PostgreSQL computes the same HMAC for the bulk rows, checked
 * against src/crypto/pseudonym.ts for every requested user).
 *
 * The users the benchmark requests get fully valid rows, made in JavaScript: the node's
 * record of the shared wallet's dealing (sub-share F(j) ‖ G(j), commitments, K, M) sealed
 * with sealRecord under the node's real storage key in the row's own slot, and a metadata
 * record from metadataRows.ts. Every other user gets a filler row built in SQL: one valid
 * row's bytes filed under its own P (same size and format, read the same way; its
 * ciphertexts stay bound to the template's P, so a request for it would fail to open, and
 * none is ever made), and an inbox (the node makes one at a user's first login after each
 * install; a requested user gets its real one from the node at its first login, in the
 * warm-up pass). PostgreSQL does that at its own speed, so a million users take minutes,
 * not hours.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { aeadSeal } from '../../src/crypto/aead.ts';
import { concatBytes, randomBytes, toHex, utf8 } from '../../src/crypto/bytes.ts';
import { pseudonym } from '../../src/crypto/pseudonym.ts';
import { evaluate } from '../../src/crypto/shamir.ts';
import { encodeSharePair } from '../../src/crypto/sharePair.ts';
import { TAG } from '../../src/crypto/tags.ts';
import { type NodeRecord, sealRecord } from '../../src/node/record.ts';
import type { NodeKeys } from '../../src/node/secrets.ts';
import { dealingHash } from '../../src/protocol/hashes.ts';
import { nodeInboxSlot } from '../../src/protocol/slots.ts';
import type { PgPool } from '../../src/storage/postgres.ts';
import { commitmentsOf } from '../../src/wallet/material.ts';
import type { MetadataRow, SharedWallet } from './metadataRows.ts';
import { BENCH_VERIFIER } from './shareLogin.ts';

/** Rows per bulk statement. */
const CHUNK = 50_000;

export const subjectOf = (i: number) => `scale-${i}`;

export type Seeder = {
  /** A pool on the benchmark's database (tables named with their schema). */
  pool: PgPool;
  nodeSchema: string;
  metadataSchema: string;
  keys: NodeKeys;
  wallet: SharedWallet;
  /** Fully valid metadata rows of the requested users, by user number. */
  valid: ReadonlyMap<number, MetadataRow>;
  /** The valid row whose bytes the filler rows carry. */
  template: MetadataRow;
};

export function pOf(keys: NodeKeys, i: number): string {
  return toHex(pseudonym(keys.networkSalt, BENCH_VERIFIER, subjectOf(i)));
}

/** pOf in SQL ($1 salt, $2 tag ‖ 0x00, $3 verifier; i the user number): HMAC-SHA-256(salt, tag ‖ 0 ‖ canonical JSON). */
const P_SQL = `encode(public.hmac($2::bytea || convert_to('{"subject":"scale-' || i || '","verifier":"' || $3 || '"}', 'UTF8'), $1::bytea, 'sha256'), 'hex')`;

function pParams(keys: NodeKeys): [Buffer, Buffer, string] {
  const prefix = concatBytes(utf8(TAG.pseudonym), new Uint8Array([0]));
  return [Buffer.from(keys.networkSalt), Buffer.from(prefix), BENCH_VERIFIER];
}

/** This node's record of the shared wallet's dealing (the same for every user). */
export function nodeRecordOf(keys: NodeKeys, wallet: SharedWallet, template: MetadataRow): NodeRecord {
  const j = keys.self.index;
  const share = encodeSharePair({ f: evaluate(wallet.F, j), g: evaluate(wallet.G, j) });
  const c = commitmentsOf(wallet.material);
  const record: NodeRecord = {
    v: 1,
    epoch: 1,
    share: toHex(share),
    commitments: wallet.commitments,
    K: c.K,
    M: c.M,
    dealingHash: dealingHash(JSON.parse(template.record).dealing),
  };
  share.fill(0);
  return record;
}

/** pgcrypto for the bulk pseudonyms, and a check that PostgreSQL computes them as the node does. */
export async function prepareSeeding(seeder: Seeder): Promise<void> {
  await seeder.pool.query('CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public');
  const users = [...seeder.valid.keys()];
  const { rows } = await seeder.pool.query<{ i: number; p: string }>(
    `SELECT i, ${P_SQL} AS p FROM unnest($4::int[]) AS i`,
    [...pParams(seeder.keys), users],
  );
  for (const { i, p } of rows)
    if (p !== pOf(seeder.keys, i)) throw new Error(`the SQL pseudonym of user ${i} differs from the node's`);
}

/** Writes users from … to−1 into both stores; `progress` hears how many are written so far. */
export async function seedUsers(
  seeder: Seeder,
  from: number,
  to: number,
  progress: (written: number) => void = () => {},
): Promise<void> {
  const validHere = [...seeder.valid.keys()].filter((i) => i >= from && i < to);
  await insertValid(seeder, validHere);
  const record = nodeRecordOf(seeder.keys, seeder.wallet, seeder.template);
  const templateSealed = Buffer.from(sealRecord(seeder.keys.recordKey, seeder.template.P, record));
  const inbox = templateInbox(seeder.keys, seeder.template.P);
  for (let start = from; start < to; start += CHUNK) {
    await insertFillers(seeder, start, Math.min(to, start + CHUNK), validHere, templateSealed, inbox);
    progress(Math.min(to, start + CHUNK));
  }
}

/** An inbox of P as the node stores one (node/inbox.ts): X25519 pair, private half sealed in slot nodeInboxSlot(P, pub). */
function templateInbox(keys: NodeKeys, P: string): { pub: string; sealed: Buffer } {
  const secret = randomBytes(32);
  const pub = toHex(x25519.getPublicKey(secret));
  const sealed = Buffer.from(aeadSeal(keys.recordKey, secret, nodeInboxSlot(P, pub)));
  secret.fill(0);
  return { pub, sealed };
}

async function insertValid(seeder: Seeder, users: number[]): Promise<void> {
  const { pool, keys, nodeSchema: n, metadataSchema: m } = seeder;
  const record = nodeRecordOf(keys, seeder.wallet, seeder.template);
  const rows = users.map((i) => seeder.valid.get(i)!);
  const sealed = rows.map((r) => Buffer.from(sealRecord(keys.recordKey, r.P, record)));
  await pool.query(
    `INSERT INTO ${n}.node_records (p, epoch, sealed) SELECT p, 1, s FROM unnest($1::text[], $2::bytea[]) AS t(p, s)`,
    [rows.map((r) => r.P), sealed],
  );
  await pool.query(
    `INSERT INTO ${m}.records (p, version, epoch, record, receipt, updated_at)
     SELECT p, 1, 1, r, c, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(p, r, c)`,
    [rows.map((r) => r.P), rows.map((r) => r.record), rows.map((r) => r.receipt)],
  );
  const filed = rows.flatMap((r) => r.factors.map((f) => [f, r.P] as const));
  await pool.query(
    `INSERT INTO ${m}.record_factors (factor, p) SELECT * FROM unnest($1::text[], $2::text[])`,
    [filed.map(([f]) => f), filed.map(([, p]) => p)],
  );
}

async function insertFillers(
  seeder: Seeder,
  from: number,
  to: number,
  skip: number[],
  sealed: Buffer,
  inbox: { pub: string; sealed: Buffer },
) {
  const { pool, template, nodeSchema: n, metadataSchema: m } = seeder;
  const users = `SELECT ${P_SQL} AS p FROM generate_series($4::int, $5::int) AS i WHERE NOT (i = ANY($6::int[]))`;
  const range = [...pParams(seeder.keys), from, to - 1, skip];
  // two connections: the metadata records (the long part: TOAST) beside the three others
  const records = pool.query(
    `INSERT INTO ${m}.records (p, version, epoch, record, receipt, updated_at)
     SELECT p, 1, 1, replace($7, $9, p), replace($8, $9, p), now() FROM (${users}) u`,
    [...range, template.record, template.receipt, template.P],
  );
  const others = (async () => {
    await pool.query(`INSERT INTO ${n}.node_records (p, epoch, sealed) SELECT p, 1, $7 FROM (${users}) u`, [
      ...range,
      sealed,
    ]);
    await pool.query(`INSERT INTO ${n}.node_inboxes (p, pub, sealed) SELECT p, $7, $8 FROM (${users}) u`, [
      ...range,
      inbox.pub,
      inbox.sealed,
    ]);
    await pool.query(
      `INSERT INTO ${m}.record_factors (factor, p) SELECT f, p FROM (${users}) u, unnest($7::text[]) AS f`,
      [...range, template.factors],
    );
  })();
  await Promise.all([records, others]);
}

/** What autovacuum would have done by the time such tables serve traffic; dirty pages flushed. */
export async function settle(pool: PgPool, checkpoint: boolean): Promise<void> {
  await pool.query('VACUUM ANALYZE'); // every table of the database, both stores'
  if (checkpoint) await pool.query('CHECKPOINT');
}

/** The plan and timing PostgreSQL reports for `sql` with `params`, one line per plan line. */
export async function explain(pool: PgPool, sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${sql}`,
    params,
  );
  return rows.map((r) => r['QUERY PLAN']);
}

/** Total size of a table with its indexes and TOAST, in MB. */
export async function tableMb(pool: PgPool, table: string): Promise<number> {
  const { rows } = await pool.query<{ bytes: string }>('SELECT pg_total_relation_size($1) AS bytes', [table]);
  return Math.round(Number(rows[0]?.bytes ?? 0) / 2 ** 20);
}
