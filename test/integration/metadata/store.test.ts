/**
 * The storage contract (src/metadata/store/contract.ts), the same suite on every backend:
 * create-if-absent, compare-and-swap, durability of what was stored, and the atomicity of
 * both under concurrency (many calls through separate connections at once).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MetadataStore } from '../../../src/metadata/store/contract.ts';
import { openStore } from '../../../src/metadata/store/open.ts';
import type { Receipt } from '../../../src/protocol/formats.ts';
import { newUser, randomP, type TestUser, touch } from '../../helpers/record.ts';
import { backends, makeNetwork, type TestNetwork } from './harness.ts';

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

  test('what is stored survives closing and reopening', async () => {
    const before = await stores[0]!.get(user.P);
    await stores[0]!.close();
    stores[0] = await openStore(net.store);
    expect(await stores[0]!.get(user.P)).toEqual(before);
  });
});
