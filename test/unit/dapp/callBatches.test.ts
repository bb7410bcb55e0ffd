/**
 * EIP-5792 batches in the wallet's IndexedDB (fake-indexeddb here; the e2e test runs
 * Chromium's): a batch survives closing and reopening the database (a service-worker
 * restart), ids are per origin and unique, concurrent writes both land, the newest
 * MAX_KEPT are kept.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type CallBatch, MAX_KEPT, storedCallBatches } from '../../../src/extension/dapp/calls/batch.ts';
import { openWalletDb } from '../../../src/extension/db.ts';

const batch = (id: string, origin = 'http://a.test'): CallBatch => ({
  id,
  origin,
  chainId: '0x7a69',
  from: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  callCount: 2,
  hashes: [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`],
  error: null,
  at: 1,
});

describe('stored call batches', () => {
  it('survive reopening the database; ids are unique per origin', async () => {
    const name = 'trine-batches-restart';
    const first = await openWalletDb(name);
    const before = storedCallBatches(async () => first);
    expect(await before.add(batch('x'))).toBe(true);
    expect(await before.add(batch('x'))).toBe(false);
    expect(await before.add(batch('x', 'http://b.test'))).toBe(true);
    first.close();

    const reopened = await openWalletDb(name);
    const after = storedCallBatches(async () => reopened);
    expect(await after.get('http://a.test', 'x')).toEqual(batch('x'));
    expect(await after.get('http://c.test', 'x')).toBeUndefined();
    expect(await after.get('http://a.test', 'y')).toBeUndefined();
    reopened.close();
  });

  it('concurrent writes both land; only the newest are kept', async () => {
    const db = await openWalletDb('trine-batches-bound');
    const store = storedCallBatches(async () => db);
    await Promise.all([store.add(batch('p')), store.add(batch('q'))]);
    expect(await store.get('http://a.test', 'p')).toBeDefined();
    expect(await store.get('http://a.test', 'q')).toBeDefined();
    for (let i = 0; i < MAX_KEPT; i++) await store.add(batch(`n${i}`));
    expect(await store.get('http://a.test', 'p')).toBeUndefined();
    expect(await store.get('http://a.test', `n${MAX_KEPT - 1}`)).toBeDefined();
    db.close();
  });
});
