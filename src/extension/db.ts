/**
 * The extension's IndexedDB (`trine`), through idb. What it holds is either public (the
 * metadata record exactly as the server serves it: factor shares sealed to factor keys)
 * or wrapped (the device key, under a non-extractable WebCrypto key). Nothing here opens
 * anything without a factor key, and k, m or a share in the clear never come here.
 *
 * Schema versions: `migrations[v - 1]` takes a database from version v − 1 to v. Opening
 * runs every step between the stored version and `DB_VERSION` in one upgrade transaction.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { TrineError } from '../errors/index.ts';
import type { MetadataRecord, Receipt } from '../protocol/formats.ts';

export type CachedRecord = {
  P: string;
  version: number;
  record: MetadataRecord;
  receipt: Receipt;
  cachedAt: number;
};

/** What this browser knows about one factor of a wallet (no secret). */
export type FactorDescriptor = {
  P: string;
  pub: string;
  type: MetadataRecord['factors'][number]['type'];
  /** Unlocked with this factor on this browser at. */
  lastUsedAt: number | null;
};

/** A device factor key wrapped (AES-GCM) by `wrappingKey`, which cannot be exported. */
export type WrappedDeviceKey = {
  P: string;
  pub: string;
  wrappingKey: CryptoKey;
  iv: Uint8Array;
  wrapped: Uint8Array;
  createdAt: number;
};

/** A chain the user added (the configured chains are built in and not stored). */
export type StoredChain = {
  chainId: `0x${string}`;
  name: string;
  rpcUrl: string;
  symbol: string;
  /** Added with issue 12; older rows have none. */
  explorerUrl?: string | null;
  addedAt: number;
};

/** What an origin may do; issue 8 (dApp connections) decides the fields it needs. */
export type Permission = {
  origin: string;
  accounts: `0x${string}`[];
  grantedAt: number;
  [more: string]: unknown;
};

export type ActivityEntry = {
  id: string;
  kind: 'send' | 'sign' | 'connect';
  origin: string | null;
  chainId: `0x${string}` | null;
  hash: `0x${string}` | null;
  /**
   * A send: pending until the chain settles it; `replaced` / `cancelled` when another
   * transaction with its nonce was mined instead (a speed-up, a cancel). Others: `done`.
   */
  status: 'pending' | 'confirmed' | 'failed' | 'replaced' | 'cancelled' | 'done';
  summary: string;
  at: number;
  /** For a send: what was signed, so speed up and cancel can re-sign the same nonce. */
  tx?: SentTransaction;
  /**
   * A speed-up or cancel of this send was signed (written just before its broadcast, so a
   * watcher that sees this nonce used knows which): the replacement's hash.
   */
  replacedBy?: { hash: `0x${string}`; mode: 'speed-up' | 'cancel' };
};

/** A signed-and-sent transaction's fields, amounts as decimal strings of wei. */
export type SentTransaction = {
  from: `0x${string}`;
  to: `0x${string}` | null;
  value: string;
  data: `0x${string}`;
  gas: string;
  nonce: number;
  fees:
    | { type: 'eip1559'; maxFeePerGas: string; maxPriorityFeePerGas: string }
    | { type: 'legacy'; gasPrice: string };
};

/** An ERC-20 the user follows on one chain (added by address or by `wallet_watchAsset`). */
export type StoredToken = {
  /** `${chainId}:${address}`, address lower-case. */
  id: string;
  chainId: `0x${string}`;
  address: `0x${string}`;
  symbol: string;
  decimals: number;
  name: string | null;
  image: string | null;
  addedAt: number;
};

export interface TrineDb extends DBSchema {
  records: { key: string; value: CachedRecord };
  factors: { key: string; value: FactorDescriptor; indexes: { 'by-P': string } };
  settings: { key: string; value: unknown };
  chains: { key: string; value: StoredChain };
  permissions: { key: string; value: Permission };
  activity: { key: string; value: ActivityEntry; indexes: { 'by-at': number; 'by-hash': string } };
  deviceKeys: { key: string; value: WrappedDeviceKey };
  tokens: { key: string; value: StoredToken; indexes: { 'by-chain': string } };
}

export type WalletDb = IDBPDatabase<TrineDb>;
type Upgrade = IDBPTransaction<TrineDb, StoreNames<TrineDb>[], 'versionchange'>;

export const DB_NAME = 'trine';

/** One function per schema version; never edit a shipped one, append a new one. */
export const migrations: readonly ((db: WalletDb, tx: Upgrade) => void)[] = [
  // v1: the cached record, what this browser knows of factors, settings, chains, permissions, activity.
  (db) => {
    db.createObjectStore('records', { keyPath: 'P' });
    db.createObjectStore('factors', { keyPath: 'pub' }).createIndex('by-P', 'P');
    db.createObjectStore('settings');
    db.createObjectStore('chains', { keyPath: 'chainId' });
    db.createObjectStore('permissions', { keyPath: 'origin' });
    db.createObjectStore('activity', { keyPath: 'id' });
  },
  // v2: device keys (browsers without passkey PRF); activity listed newest first.
  (db, tx) => {
    db.createObjectStore('deviceKeys', { keyPath: 'P' });
    tx.objectStore('activity').createIndex('by-at', 'at');
  },
  // v3: followed tokens per chain; activity found by transaction hash (receipts, replacements).
  (db, tx) => {
    db.createObjectStore('tokens', { keyPath: 'id' }).createIndex('by-chain', 'chainId');
    tx.objectStore('activity').createIndex('by-hash', 'hash');
  },
];

export const DB_VERSION = migrations.length;

/**
 * Open (creating or upgrading) the wallet database.
 *
 * @example
 * const db = await openWalletDb();
 * await db.get('records', P);
 */
export async function openWalletDb(name = DB_NAME, version = DB_VERSION): Promise<WalletDb> {
  if (!Number.isInteger(version) || version < 1 || version > migrations.length)
    throw new RangeError(`version: expected 1 … ${migrations.length}`);
  try {
    return await openDB<TrineDb>(name, version, {
      upgrade(db, oldVersion, _newVersion, tx) {
        for (let v = oldVersion; v < version; v++) migrations[v]!(db, tx);
      },
      blocking(_current, _next, event) {
        // A newer worker wants to upgrade: step aside rather than block it.
        (event.target as IDBDatabase).close();
      },
    });
  } catch (error) {
    if ((error as Error)?.name === 'VersionError')
      throw new TrineError({
        code: 'internal',
        message: 'the wallet database was written by a newer version of Trine; update the extension',
        cause: error,
      });
    throw error;
  }
}
