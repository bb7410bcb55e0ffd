/**
 * Schema migrations of the extension database. Node has no IndexedDB, so this file uses
 * fake-indexeddb (a complete implementation of the IndexedDB spec, run against the W3C
 * web-platform tests): every version step and the upgrade of a filled older database are
 * checked here, quickly; the e2e tests run the same code on Chromium's real IndexedDB.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { listActivity, recordActivity } from '../../../src/extension/activity.ts';
import { addChain, listChains, onChainSelected, selectChain } from '../../../src/extension/chains.ts';
import { DB_VERSION, openWalletDb } from '../../../src/extension/db.ts';
import { getPermission, putPermission } from '../../../src/extension/permissions.ts';

let n = 0;
const freshName = () => `trine-test-${n++}`;
const local = {
  chainId: '0x7a69',
  name: 'Trine local',
  rpcUrl: 'http://127.0.0.1:8545',
  symbol: 'ETH',
} as const;

describe('wallet database', () => {
  it('a new database has every store of the latest version', async () => {
    const db = await openWalletDb(freshName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['activity', 'chains', 'deviceKeys', 'factors', 'permissions', 'records', 'settings', 'tokens'].sort(),
    );
    expect([...db.transaction('activity').store.indexNames].sort()).toEqual(['by-at', 'by-hash']);
    expect([...db.transaction('tokens').store.indexNames]).toEqual(['by-chain']);
    expect([...db.transaction('factors').store.indexNames]).toEqual(['by-P']);
    db.close();
  });

  it('upgrading a filled version-1 database keeps its data and adds the new stores', async () => {
    const name = freshName();
    const v1 = await openWalletDb(name, 1);
    expect([...v1.objectStoreNames]).not.toContain('deviceKeys');
    await v1.put('settings', 30, 'autoLockMinutes');
    await putPermission(v1, { origin: 'http://localhost:8080', accounts: [], grantedAt: 1 });
    await v1.put('activity', {
      id: 'a',
      kind: 'sign',
      origin: null,
      chainId: null,
      hash: null,
      status: 'done',
      summary: 'old',
      at: 5,
    });
    v1.close();

    const v2 = await openWalletDb(name);
    expect(v2.version).toBe(DB_VERSION);
    expect(await v2.get('settings', 'autoLockMinutes')).toBe(30);
    expect((await getPermission(v2, 'http://localhost:8080'))?.grantedAt).toBe(1);
    await recordActivity(v2, {
      kind: 'send',
      origin: null,
      chainId: '0x7a69',
      hash: null,
      status: 'pending',
      summary: 'new',
      at: 9,
    });
    // The index added by v2 covers the entry written under v1.
    expect((await listActivity(v2)).map((a) => a.summary)).toEqual(['new', 'old']);
    v2.close();
  });

  it('a database from a newer Trine is refused with a clear error, and left alone', async () => {
    const name = freshName();
    const newer = await openDB(name, DB_VERSION + 1, { upgrade: (db) => db.createObjectStore('future') });
    newer.close();
    const error = await openWalletDb(name).catch((e: unknown) => e);
    expect(isTrineError(error, 'internal')).toBe(true);
    expect((error as Error).message).toMatch(/newer version of Trine/);
    const again = await openDB(name);
    expect(again.version).toBe(DB_VERSION + 1);
    expect([...again.objectStoreNames]).toEqual(['future']);
    again.close();
  });

  it('a device key wrapping key survives storage as a non-extractable CryptoKey', async () => {
    const db = await openWalletDb(freshName());
    const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await db.put('deviceKeys', {
      P: 'p',
      pub: 'q',
      wrappingKey,
      iv: new Uint8Array(12),
      wrapped: new Uint8Array(48),
      createdAt: 1,
    });
    const back = await db.get('deviceKeys', 'p');
    expect(back?.wrappingKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', back!.wrappingKey)).rejects.toThrow();
    db.close();
  });

  it('chains: the configured ones first, user chains added, selection checked', async () => {
    const db = await openWalletDb(freshName());
    expect(await listChains(db, [local])).toEqual([
      { ...local, explorerUrl: null, builtIn: true, selected: true },
    ]);
    await addChain(db, [local], {
      chainId: '0x1',
      name: 'Ethereum',
      rpcUrl: 'https://rpc.example',
      symbol: 'ETH',
    });
    const told: string[] = [];
    const stop = onChainSelected((id) => told.push(id));
    const chains = await selectChain(db, [local], '0x1');
    await selectChain(db, [local], '0x1'); // no change, no event
    stop();
    expect(chains.map((c) => [c.chainId, c.selected])).toEqual([
      ['0x7a69', false],
      ['0x1', true],
    ]);
    await expect(selectChain(db, [local], '0x5')).rejects.toThrow('chainId: unknown chain 0x5');
    await expect(addChain(db, [local], { ...local })).rejects.toThrow(/built in/);
    expect((await listChains(db, [local])).find((c) => c.selected)?.chainId).toBe('0x1');
    expect(told).toEqual(['0x1']);
    db.close();
  });
});
