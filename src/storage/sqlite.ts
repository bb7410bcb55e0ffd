/**
 * Opens the embedded SQLite store of a server: WAL journal (readers never block the one
 * writer), synchronous=FULL (an acknowledged write survives a power cut, which a node's
 * install ack promises), secure_delete (an overwritten or deleted value is zeroed on
 * disk, so an old epoch does not linger in free pages).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { TrineError } from '../errors/index.ts';

export type SqliteDatabase = Database.Database;

export function openSqlite(file: string): SqliteDatabase {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (cause) {
    throw new TrineError({
      code: 'internal',
      message: `cannot open the SQLite store ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}
