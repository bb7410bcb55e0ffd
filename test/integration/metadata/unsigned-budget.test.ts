/**
 * Issue 19, item 5, as the attack against a real metadata server process: someone who knows
 * a user's P (and one of its factor keys) floods the server with unsigned and badly signed
 * reads, writes and reads by factor, and replays the owner's captured create. Each is
 * refused and charged to the sender's address (or to the creates' budget of P) only; the
 * owner's properly signed write, read and read by factor still succeed,
 * and the owner's own signed requests are what spends the per-P budget.
 * The attacker and the owner are told apart by the address a trusted proxy names
 * (X-Forwarded-For, --trust-proxy), as behind a load balancer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signReadByFactorRequest } from '../../../src/clients/metadata/index.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { randomScalar, scalarToBytes } from '../../../src/crypto/scalar.ts';
import { ecdsaSignBody } from '../../../src/crypto/signature.ts';
import { recordHash } from '../../../src/protocol/hashes.ts';
import {
  attest,
  createRequest,
  newUser,
  readRequest,
  signWrite,
  type TestUser,
  touch,
  writeRequest,
} from '../../helpers/record.ts';
import {
  type Answer,
  type MetadataProcess,
  makeNetwork,
  startMetadata,
  type TestNetwork,
} from './harness.ts';

const ATTACKER = '198.51.100.66';
const OWNER = '203.0.113.7';

async function postFrom(url: string, path: string, client: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('metadata: unsigned and forged requests do not spend the owner’s budget', () => {
  let net: TestNetwork;
  let server: MetadataProcess;
  let user: TestUser;
  let captured: unknown; // the owner's create request, as a proxy log would keep it

  beforeAll(async () => {
    net = await makeNetwork('sqlite');
    // per P (and per factor key): 2/s, burst 4; per address: 10/s, burst 20
    server = await startMetadata(net, {
      args: ['--rate-user', '2', '--rate-address', '10', '--trust-proxy', '127.0.0.1,::1'],
    });
    user = await newUser(net.network, { factors: ['passkey', 'phrase'] });
    captured = await createRequest(user, await attest(net.signers, user));
    const created = await postFrom(server.url, '/v1/records/create', OWNER, captured);
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  test('an attacker who knows P floods forged requests; only its address is limited, the owner is served', async () => {
    const factor = user.factors[0]!;
    const forgedRead = () => readRequest(user, Date.now(), randomScalar()); // signed by a stranger's key
    const unsignedRead = () => ({ ...readRequest(user), signature: '00'.repeat(64) });
    const forgedWrite = () => ({
      record: user.record,
      expectedVersion: 1,
      signature: signWrite(randomScalar(), user.record, 1),
    });
    const forgedByFactor = () => {
      const request = { kind: 'record-read-by-factor', factor: factor.pub, issuedAt: Date.now() } as const;
      return { request, signature: toHex(ecdsaSignBody(generateDeviceKey(), request)) };
    };
    const attacks: [string, () => unknown][] = [
      ['/v1/records/read', forgedRead],
      ['/v1/records/read', unsignedRead],
      ['/v1/records/write', forgedWrite],
      ['/v1/records/read-by-factor', forgedByFactor],
    ];
    // 16 forged requests: 12 name P, 4 the factor key, each well beyond their burst of 4
    const refused: [number, string][] = [];
    for (let round = 0; round < 4; round++)
      for (const [path, body] of attacks) {
        const answer = await postFrom(server.url, path, ATTACKER, body());
        refused.push([answer.status, answer.body.error?.code]);
      }
    expect(refused).toEqual(Array(16).fill([401, 'bad-signature']));
    // they were charged to the attacker's address: it is cut off soon
    let limited: Answer | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const answer = await postFrom(server.url, '/v1/records/read', ATTACKER, forgedRead());
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.body.error.message).toBe('too many requests from this address');
    // a captured create replayed (from elsewhere) spends the creates' budget of P, not the owner's
    const replays: number[] = [];
    for (let i = 0; i < 8; i++)
      replays.push((await postFrom(server.url, '/v1/records/create', '198.51.100.67', captured)).status);
    // already-registered until the creates' budget of P (burst 4, which the owner's own create
    // also spent) runs out; how many fit depends on how much refilled since, so only the shape is fixed
    expect(replays[0]).toBe(409);
    expect(replays.every((s) => s === 409 || s === 429)).toBe(true);
    expect(replays.indexOf(429)).toBeGreaterThan(0);
    expect(replays.slice(replays.indexOf(429)).every((s) => s === 429)).toBe(true);

    // the owner, from its own address: signed write, read and read by factor all pass
    const record = touch(user, 'after the flood');
    const written = await postFrom(server.url, '/v1/records/write', OWNER, writeRequest(user, 1, record));
    expect([written.status, written.body.version]).toEqual([200, 2]);
    const read = await postFrom(server.url, '/v1/records/read', OWNER, readRequest(user));
    expect([read.status, read.body.version, recordHash(read.body.record)]).toEqual([
      200,
      2,
      recordHash(record),
    ]);
    const byFactor = await postFrom(
      server.url,
      '/v1/records/read-by-factor',
      OWNER,
      signReadByFactorRequest(scalarToBytes(factor.key), Date.now()),
    );
    expect([byFactor.status, byFactor.body.record?.P]).toEqual([200, user.P]);
  });

  test('unproven creates for a new user’s P (signed with the sender’s own m) do not block that user’s create', async () => {
    const victim = await newUser(net.network, { factors: ['passkey'] });
    // the attacker signs its own records for the victim's P; their attestations bind other keys
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const forger = await newUser(net.network, { P: victim.P, factors: ['passkey'] });
      const request = await createRequest(forger, await attest(net.signers, victim));
      statuses.push(
        (await postFrom(server.url, '/v1/records/create', `198.51.100.${70 + i}`, request)).status,
      );
    }
    expect(statuses).toEqual(Array(8).fill(403)); // creation-unproven each time, never 429
    const created = await postFrom(
      server.url,
      '/v1/records/create',
      OWNER,
      await createRequest(victim, await attest(net.signers, victim)),
    );
    expect(created.status).toBe(201);
  });

  test('the owner’s own signed requests do spend the per-P budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await postFrom(server.url, '/v1/records/read', OWNER, readRequest(user))).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
  });
});
