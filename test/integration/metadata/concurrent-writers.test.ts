/**
 * 20 writers update one record at once through FOUR server processes over one database,
 * behind a round-robin reverse proxy (as a load balancer would: a writer's read and its
 * write land on different processes). Each writer reads, changes the record,
 * compare-and-swaps, and on 409 reads again and retries. Every accepted write must get its
 * own version, every refusal must be a 409 version-conflict, every process must have
 * served, and the final record (read from each process) must be the last accepted write.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRecord } from '../../../src/clients/metadata/index.ts';
import { evaluate } from '../../../src/crypto/shamir.ts';
import { recordHash } from '../../../src/protocol/hashes.ts';
import { attest, createRequest, newUser, signWrite, type TestUser, touch } from '../../helpers/record.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from '../../helpers/roundRobinProxy.ts';
import {
  backends,
  type MetadataProcess,
  makeNetwork,
  post,
  startMetadata,
  type TestNetwork,
} from './harness.ts';

const WRITERS = 20;
const PROCESSES = 4;

describe.each(backends)('concurrent writers through four processes behind a proxy on %s', (backend) => {
  let net: TestNetwork;
  let servers: MetadataProcess[] = [];
  let proxy: RoundRobinProxy;
  let user: TestUser;

  beforeAll(async () => {
    net = await makeNetwork(backend);
    const args = ['--user-rate', '0', '--trust-proxy', '127.0.0.1'];
    servers = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) => startMetadata(net, { name: `meta-${i + 1}`, args })),
    );
    proxy = await startRoundRobinProxy(servers.map((s) => s.url));
    user = await newUser(net.network);
    const created = await post(
      proxy.url,
      '/v1/records/create',
      await createRequest(user, await attest(net.signers, user)),
    );
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await net?.cleanup();
  });

  test('no lost update: distinct versions, refusals are 409, last accepted write is stored', async () => {
    const accepted: { version: number; hash: string; writer: number }[] = [];
    const refusals: { status: number; code: string; expected: number; current: number }[] = [];
    const g1 = evaluate(user.g, 1);

    async function writer(i: number) {
      const endpoint = { url: proxy.url, signingKey: net.network.metadata.signingKey };
      for (let attempt = 0; attempt < 200; attempt++) {
        const current = await readRecord(endpoint, user.P, g1);
        const mine = touch(
          { ...structuredClone(user), record: current.record },
          `writer ${i} attempt ${attempt}`,
        );
        const answer = await post(proxy.url, '/v1/records/write', {
          record: mine,
          expectedVersion: current.version,
          signature: signWrite(user.m, mine, current.version),
        });
        if (answer.status === 200) {
          accepted.push({ version: answer.body.version, hash: recordHash(mine), writer: i });
          return;
        }
        refusals.push({
          status: answer.status,
          code: answer.body.error.code,
          expected: current.version,
          current: answer.body.error.details?.currentVersion,
        });
      }
      throw new Error(`writer ${i} never got through`);
    }

    await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)));

    const versions = accepted.map((a) => a.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 2)); // distinct, gap-free
    expect(refusals.length).toBeGreaterThan(0); // there was contention
    for (const r of refusals) {
      expect(r.status).toBe(409);
      expect(r.code).toBe('version-conflict');
      expect(r.current).toBeGreaterThan(r.expected);
    }
    expect(proxy.served.every((n) => n >= WRITERS / PROCESSES)).toBe(true); // every process took its share
    const last = accepted.find((a) => a.version === WRITERS + 1)!;
    for (const server of servers) {
      const final = await readRecord(
        { url: server.url, signingKey: net.network.metadata.signingKey },
        user.P,
        g1,
      );
      expect(final.version).toBe(WRITERS + 1);
      expect(recordHash(final.record)).toBe(last.hash);
    }
  });
});
