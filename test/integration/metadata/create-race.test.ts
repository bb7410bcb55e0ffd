/**
 * Two devices register the same account at once: two creators, different records, the same
 * P, sent with random delays, 100 times per backend. Every time exactly one gets a receipt;
 * the other is told already-registered and handed the winner's dealing and receipt; the
 * stored record is the winner's.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evaluate } from '../../../src/crypto/shamir.ts';
import { attest, createRequest, newUser, randomP, readRequest } from '../../helpers/record.ts';
import {
  backends,
  type MetadataProcess,
  makeNetwork,
  post,
  sleep,
  startMetadata,
  type TestNetwork,
} from './harness.ts';

const ROUNDS = 100;

describe.each(backends)('create race on %s', (backend) => {
  let net: TestNetwork;
  let server: MetadataProcess;

  beforeAll(async () => {
    net = await makeNetwork(backend);
    server = await startMetadata(net, { args: ['--rate-user', '0'] });
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  test(`exactly one of two concurrent creators wins, ${ROUNDS} times`, async () => {
    const winners = { first: 0, second: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const P = randomP();
      const devices = await Promise.all([newUser(net.network, { P }), newUser(net.network, { P })]);
      const requests = await Promise.all(
        devices.map(async (u) => createRequest(u, await attest(net.signers, u))),
      );
      const answers = await Promise.all(
        requests.map(async (request) => {
          await sleep(Math.random() * 4);
          return post(server.url, '/v1/records/create', request);
        }),
      );
      const won = answers.findIndex((a) => a.status === 201);
      expect(answers.map((a) => a.status).sort(), `round ${round}`).toEqual([201, 409]);
      const winner = answers[won]!;
      const loser = answers[1 - won]!;
      expect(loser.body.error.code).toBe('already-registered');
      expect(loser.body.dealing).toEqual(devices[won]!.record.dealing);
      expect(loser.body.receipt).toEqual(winner.body.receipt);
      if (won === 0) winners.first++;
      else winners.second++;
      if (round % 10 === 0) {
        const read = await post(server.url, '/v1/records/read', readRequest(devices[won]!));
        expect(read.body.record).toEqual(devices[won]!.record);
        const loserRead = await post(
          server.url,
          '/v1/records/read',
          readRequest(devices[won]!, Date.now(), evaluate(devices[1 - won]!.g, 1)),
        );
        expect(loserRead.status).toBe(401); // the losing record's keys open nothing
      }
    }
    // both orders happened: the race was real, not a fixed sequence
    expect(winners.first).toBeGreaterThan(0);
    expect(winners.second).toBeGreaterThan(0);
  });
});
