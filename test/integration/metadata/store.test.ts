/**
 * The storage contract (src/metadata/store/contract.ts), the same suite on every backend:
 * create-if-absent, compare-and-swap, durability of what was stored, and the atomicity of
 * both under concurrency (many calls through separate connections at once); the factor
 * index (factor key → records) always agreeing with the records.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MetadataStore } from '../../../src/metadata/store/contract.ts';
import { openStore } from '../../../src/metadata/store/open.ts';
import type { MetadataRecord, Receipt } from '../../../src/protocol/formats.ts';
import { openSqlite } from '../../../src/storage/sqlite.ts';
import { addFactor, newUser, randomP, refresh, type TestUser, touch } from '../../helpers/record.ts';
import { backends, makeNetwork, sleep, type TestNetwork, withPg } from './harness.ts';

const receipt = (P: string, version: number): Receipt => ({
  body: { kind: 'receipt', P, epoch: 1, dealingHash: '00'.repeat(32), version, issuedAt: 1 },
  sig: '11'.repeat(64),
});

describe.each(backends)('metadata store on %s', (backend) => {
  let net: TestNetwork;
  let stores: MetadataStore[];
  let user: TestUser;

  beforeAll(async () => {
    net = await makeNetwork(backend);
    // two independent handles on one database, like two server processes
    stores = [await openStore(net.store), await openStore(net.store)];
    user = await newUser(net.network);
  });
  afterAll(async () => {
    for (const s of stores ?? []) await s.close();
    await net?.cleanup();
  });

  test('get of an unknown P is undefined; ping answers', async () => {
    expect(await stores[0]!.get(randomP())).toBeUndefined();
    await stores[0]!.ping();
  });

  test('create inserts at version 1 once; a second create returns what is stored', async () => {
    expect(await stores[0]!.create(user.record, receipt(user.P, 1))).toEqual({ created: true });
    const other = await newUser(net.network, { P: user.P });
    const second = await stores[1]!.create(other.record, receipt(user.P, 9));
    expect(second).toEqual({
      created: false,
      existing: { version: 1, record: user.record, receipt: receipt(user.P, 1) },
    });
    expect(await stores[1]!.get(user.P)).toEqual({
      version: 1,
      record: user.record,
      receipt: receipt(user.P, 1),
    });
  });

  test('compare-and-swap succeeds only at the stored version', async () => {
    const next = touch(user, 'swap');
    expect(await stores[0]!.compareAndSwap(2, next, receipt(user.P, 1))).toEqual({
      swapped: false,
      currentVersion: 1,
    });
    expect(await stores[0]!.compareAndSwap(1, next, receipt(user.P, 1))).toEqual({
      swapped: true,
      version: 2,
    });
    expect(await stores[1]!.compareAndSwap(1, next, receipt(user.P, 1))).toEqual({
      swapped: false,
      currentVersion: 2,
    });
    expect((await stores[1]!.get(user.P))?.record).toEqual(next);
    const stranger = await newUser(net.network);
    expect(await stores[0]!.compareAndSwap(1, stranger.record, receipt(stranger.P, 1))).toEqual({
      swapped: false,
      currentVersion: null,
    });
  });

  test('concurrent creates for one P: exactly one wins', async () => {
    const P = randomP();
    const contenders = await Promise.all(Array.from({ length: 8 }, () => newUser(net.network, { P })));
    const results = await Promise.all(
      contenders.map((u, i) => stores[i % 2]!.create(u.record, receipt(P, 1))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const winner = contenders[results.findIndex((r) => r.created)]!;
    for (const r of results) if (!r.created) expect(r.existing.record).toEqual(winner.record);
  });

  test('concurrent swaps of one version: exactly one wins, the others see the new version', async () => {
    const base = (await stores[0]!.get(user.P))!.version;
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        stores[i % 2]!.compareAndSwap(base, touch(structuredClone(user), `racer ${i}`), receipt(user.P, 1)),
      ),
    );
    expect(results.filter((r) => r.swapped)).toHaveLength(1);
    for (const r of results) if (!r.swapped) expect(r.currentVersion).toBe(base + 1);
  });

  test('the factor index finds a created record by each of its factors; an unknown key or a losing creator finds nothing', async () => {
    const u = await newUser(net.network, { factors: ['passkey', 'phrase', 'password'] });
    expect(await stores[0]!.create(u.record, receipt(u.P, 1))).toEqual({ created: true });
    for (const f of u.record.factors)
      expect(await stores[1]!.findByFactor(f.pub)).toEqual([
        { version: 1, record: u.record, receipt: receipt(u.P, 1) },
      ]);
    expect(await stores[1]!.findByFactor(`02${randomP()}`)).toEqual([]);
    const loser = await newUser(net.network, { P: u.P });
    expect((await stores[1]!.create(loser.record, receipt(u.P, 1))).created).toBe(false);
    expect(await stores[0]!.findByFactor(loser.record.factors[0]!.pub)).toEqual([]);
  });

  test('a swap refiles the record: an added factor is found; a removed one while previous holds it, not after; a refused swap changes nothing', async () => {
    const u = await newUser(net.network, { factors: ['device', 'phrase'] });
    await stores[0]!.create(u.record, receipt(u.P, 1));
    const phrase = u.record.factors[1]!;
    const added = addFactor(u, 'passkey');
    const newPub = added.factors.at(-1)!.pub;
    expect((await stores[0]!.compareAndSwap(7, added, receipt(u.P, 1))).swapped).toBe(false);
    expect(await stores[1]!.findByFactor(newPub)).toEqual([]);
    expect(await stores[0]!.compareAndSwap(1, added, receipt(u.P, 1))).toEqual({ swapped: true, version: 2 });
    expect((await stores[1]!.findByFactor(newPub)).map((s) => s.version)).toEqual([2]);

    // refresh without the phrase: it stays reachable through `previous` until that is dropped
    const refreshed = await refresh(net.network, u, { removeIndex: phrase.index });
    expect(refreshed.factors.map((f) => f.pub)).not.toContain(phrase.pub);
    await stores[1]!.compareAndSwap(2, refreshed, receipt(u.P, 3));
    expect((await stores[0]!.findByFactor(phrase.pub)).map((s) => s.record)).toEqual([refreshed]);
    const { previous: _, ...dropped } = refreshed;
    await stores[0]!.compareAndSwap(3, dropped as MetadataRecord, receipt(u.P, 3));
    expect(await stores[1]!.findByFactor(phrase.pub)).toEqual([]);
    for (const f of dropped.factors)
      expect((await stores[1]!.findByFactor(f.pub)).map((s) => [s.version, s.record])).toEqual([
        [4, dropped],
      ]);
  });

  test('one factor key in two records: both are found, the most recently written first', async () => {
    const a = await newUser(net.network);
    const b = await newUser(net.network);
    const shared = a.record.factors[0]!;
    b.record = {
      ...b.record,
      factors: [...b.record.factors, { ...shared, index: b.nextIndex }],
      nextIndex: b.nextIndex + 1,
    };
    await stores[0]!.create(a.record, receipt(a.P, 1));
    await sleep(5);
    await stores[1]!.create(b.record, receipt(b.P, 1));
    expect((await stores[0]!.findByFactor(shared.pub)).map((s) => s.record.P)).toEqual([b.P, a.P]);
    await sleep(5);
    await stores[0]!.compareAndSwap(1, touch(a, 'later'), receipt(a.P, 1));
    expect((await stores[1]!.findByFactor(shared.pub)).map((s) => s.record.P)).toEqual([a.P, b.P]);
    expect((await stores[1]!.findByFactor(b.record.factors[0]!.pub)).map((s) => s.record.P)).toEqual([b.P]);
  });

  test("concurrent swaps that each add a factor: the index holds the winner's factor only", async () => {
    const u = await newUser(net.network);
    await stores[0]!.create(u.record, receipt(u.P, 1));
    const racers = Array.from({ length: 12 }, () => addFactor(structuredClone(u), 'device'));
    const results = await Promise.all(
      racers.map((r, i) => stores[i % 2]!.compareAndSwap(1, r, receipt(u.P, 1))),
    );
    expect(results.filter((r) => r.swapped)).toHaveLength(1);
    const winner = racers[results.findIndex((r) => r.swapped)]!;
    for (const [i, r] of racers.entries()) {
      const found = await stores[i % 2]!.findByFactor(r.factors.at(-1)!.pub);
      expect(found.map((s) => s.record)).toEqual(r === winner ? [winner] : []);
    }
  });

  test('what is stored survives closing and reopening', async () => {
    const before = await stores[0]!.get(user.P);
    await stores[0]!.close();
    stores[0] = await openStore(net.store);
    expect(await stores[0]!.get(user.P)).toEqual(before);
    expect(await stores[0]!.findByFactor(user.record.factors[0]!.pub)).toEqual([before]);
  });

  test('a database made before the factor index gets it filled from its records when opened', async () => {
    const own = await makeNetwork(backend);
    try {
      const u = await newUser(own.network, { factors: ['passkey', 'phrase'] });
      const removed = u.record.factors[1]!;
      const pending = await refresh(own.network, u, { removeIndex: removed.index }); // previous holds it
      const first = await openStore(own.store);
      await first.create(pending, receipt(u.P, 1));
      await first.close();
      if (own.sqliteFile) {
        const db = openSqlite(own.sqliteFile);
        db.exec('DROP TABLE record_factors');
        db.close();
      } else await withPg((c) => c.query(`DROP TABLE "${own.schema}".record_factors`));
      const reopened = await openStore(own.store);
      try {
        for (const pub of [pending.factors[0]!.pub, removed.pub])
          expect((await reopened.findByFactor(pub)).map((s) => s.record)).toEqual([pending]);
      } finally {
        await reopened.close();
      }
    } finally {
      await own.cleanup();
    }
  });
});
