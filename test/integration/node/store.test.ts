/** The node storage contract (src/node/store/contract.ts), one suite run on both backends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { assertStorageKey } from '../../../src/node/keyCheck.ts';
import type { NodeStore } from '../../../src/node/store/contract.ts';
import { openNodeStore } from '../../../src/node/store/open.ts';
import { PG_URL } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'trine-node-store-'));
const schemas: string[] = [];
const stores = {
  sqlite: () => `sqlite:${join(dir, `${toHex(randomBytes(4))}.sqlite`)}`,
  postgres: () => {
    const schema = `node_store_${toHex(randomBytes(5))}`;
    schemas.push(schema);
    return `${PG_URL}?schema=${schema}`;
  },
};

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await client.end();
});

describe.each(['sqlite', 'postgres'] as const)('node store on %s', (backend) => {
  let store: NodeStore;
  let url: string;
  const P = () => toHex(randomBytes(32));
  beforeAll(async () => {
    url = stores[backend]();
    store = await openNodeStore(url);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps one row per user and swaps it only from the expected epoch', async () => {
    const p = P();
    expect(await store.get(p)).toBeUndefined();
    expect(await store.replace(p, 0, 1, new Uint8Array([1, 1]))).toBe(true);
    expect(await store.replace(p, 0, 1, new Uint8Array([9]))).toBe(false); // already exists
    expect(await store.get(p)).toEqual({ P: p, epoch: 1, sealed: new Uint8Array([1, 1]) });
    expect(await store.replace(p, 2, 3, new Uint8Array([9]))).toBe(false); // stale expectation
    expect(await store.replace(p, 1, 2, new Uint8Array([2, 2]))).toBe(true);
    expect(await store.get(p)).toEqual({ P: p, epoch: 2, sealed: new Uint8Array([2, 2]) }); // epoch 1 is gone
  });

  it('lets exactly one of many concurrent swaps win', async () => {
    const p = P();
    await store.replace(p, 0, 1, new Uint8Array([1]));
    const second = await openNodeStore(url); // another connection or pool
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? second : store).replace(p, 1, 2, new Uint8Array([i]))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.get(p))?.epoch).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('keeps the first setting written, counts rows, answers pings', async () => {
    expect(await store.getSetting('x')).toBeUndefined();
    expect(await store.initSetting('x', new Uint8Array([1]))).toEqual(new Uint8Array([1]));
    expect(await store.initSetting('x', new Uint8Array([2]))).toEqual(new Uint8Array([1]));
    expect(await store.count()).toBeGreaterThanOrEqual(2);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('accepts its storage key and refuses another one', async () => {
    const fresh = await openNodeStore(stores[backend]());
    try {
      const key = randomBytes(32);
      await assertStorageKey(fresh, key);
      await assertStorageKey(fresh, key); // again: opens
      await expect(assertStorageKey(fresh, randomBytes(32))).rejects.toThrow(/does not open this store/);
    } finally {
      await fresh.close();
    }
  });

  it('refuses to adopt a store that has rows but no key check', async () => {
    const other = await openNodeStore(stores[backend]());
    try {
      await other.replace(P(), 0, 1, new Uint8Array([1]));
      await expect(assertStorageKey(other, randomBytes(32))).rejects.toThrow(
        /holds records but no storage key check/,
      );
    } finally {
      await other.close();
    }
  });
});
