/**
 * An acknowledged write survives the server: a clean restart, and `kill -9` while writes
 * are in flight. After the crash the stored record is the last acknowledged one, or the
 * one write that was in flight (committed but its answer lost), never anything older.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRecord } from '../../../src/clients/metadata/index.ts';
import { evaluate } from '../../../src/crypto/shamir.ts';
import { recordHash } from '../../../src/protocol/hashes.ts';
import { accepts } from '../../../src/stack/ports.ts';
import { attest, createRequest, newUser, signWrite, type TestUser, touch } from '../../helpers/record.ts';
import {
  backends,
  type MetadataProcess,
  makeNetwork,
  post,
  sleep,
  startMetadata,
  type TestNetwork,
} from './harness.ts';

async function untilPortFree(url: string) {
  const port = Number(new URL(url).port);
  for (let i = 0; i < 100 && (await accepts(port)); i++) await sleep(50);
}

describe.each(backends)('durability on %s', (backend) => {
  let net: TestNetwork;
  let server: MetadataProcess;
  let user: TestUser;
  let acked = { version: 1, hash: '' };

  const endpoint = () => ({ url: server.url, signingKey: net.network.metadata.signingKey });
  const stored = async () => {
    const { version, record } = await readRecord(endpoint(), user.P, evaluate(user.g, 1));
    return { version, hash: recordHash(record) };
  };

  beforeAll(async () => {
    net = await makeNetwork(backend);
    server = await startMetadata(net, { args: ['--rate-user', '0'] });
    user = await newUser(net.network);
    expect(
      (
        await post(
          server.url,
          '/v1/records/create',
          await createRequest(user, await attest(net.signers, user)),
        )
      ).status,
    ).toBe(201);
    acked = { version: 1, hash: recordHash(user.record) };
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  test('a clean restart keeps every acknowledged write', async () => {
    for (let i = 0; i < 5; i++) {
      const record = touch(user, `before restart ${i}`);
      const answer = await post(server.url, '/v1/records/write', {
        record,
        expectedVersion: acked.version,
        signature: signWrite(user.m, record, acked.version),
      });
      expect(answer.status).toBe(200);
      acked = { version: answer.body.version, hash: recordHash(record) };
    }
    await server.restart();
    expect(await stored()).toEqual(acked);
  });

  test('kill -9 in the middle of writes loses no acknowledged write', async () => {
    for (let crash = 0; crash < 3; crash++) {
      let inFlight: { version: number; hash: string } | undefined;
      let stop = false;
      const writing = (async () => {
        while (!stop) {
          const record = touch(user, `crash ${crash} write ${acked.version}`);
          inFlight = { version: acked.version + 1, hash: recordHash(record) };
          let answer: Awaited<ReturnType<typeof post>>;
          try {
            answer = await post(server.url, '/v1/records/write', {
              record,
              expectedVersion: acked.version,
              signature: signWrite(user.m, record, acked.version),
            });
          } catch {
            return; // the connection died with the server: this write was never acknowledged
          }
          expect(answer.status).toBe(200);
          acked = { version: answer.body.version, hash: inFlight.hash };
        }
      })();
      await sleep(150 + Math.random() * 200);
      await server.kill9();
      stop = true;
      await writing;
      const ackedBefore = acked;
      await untilPortFree(server.url); // tsx's node child may outlive the group leader by a moment
      await server.restart();
      const after = await stored();
      if (after.version === ackedBefore.version) expect(after).toEqual(ackedBefore);
      else expect(after).toEqual(inFlight); // committed, answer lost in the crash
      acked = after;
      user.record = (await readRecord(endpoint(), user.P, evaluate(user.g, 1))).record;
    }
    expect(acked.version).toBeGreaterThan(6); // writes really happened between the crashes
  });
});
