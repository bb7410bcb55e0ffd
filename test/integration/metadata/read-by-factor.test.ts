/**
 * POST /v1/records/read-by-factor against a real server process, on both backends: the
 * holder of a factor key reads the record that factor belongs to (receipt verified by the
 * client), through a refresh (`previous`) and after it; one key in two records; then every
 * bad request (bad or foreign signature, stale time, unknown factor, malformed body, too
 * many requests) gets a clear error and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  readRecord,
  readRecordByFactor,
  signReadByFactorRequest,
  writeRecord,
} from '../../../src/clients/metadata/index.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { scalarToBytes } from '../../../src/crypto/scalar.ts';
import { evaluate } from '../../../src/crypto/shamir.ts';
import { ecdsaSignBody } from '../../../src/crypto/signature.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import type { MetadataRecord } from '../../../src/protocol/formats.ts';
import { recordHash } from '../../../src/protocol/hashes.ts';
import {
  attest,
  createRequest,
  newUser,
  refresh,
  signWrite,
  type TestFactor,
  type TestUser,
} from '../../helpers/record.ts';
import {
  backends,
  type MetadataProcess,
  makeNetwork,
  post,
  sleep,
  startMetadata,
  type TestNetwork,
} from './harness.ts';

const keyOf = (f: TestFactor) => scalarToBytes(f.key);
const caught = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe.each(backends)('read by factor on %s', (backend) => {
  let net: TestNetwork;
  let server: MetadataProcess;
  let endpoint: { url: string; signingKey: string };
  let user: TestUser;
  let version = 1;

  async function create(u: TestUser) {
    const answer = await post(
      server.url,
      '/v1/records/create',
      await createRequest(u, await attest(net.signers, u)),
    );
    expect(answer.status).toBe(201);
  }
  async function write(u: TestUser, record: MetadataRecord, expected: number) {
    return (await writeRecord(endpoint, record, expected, signWrite(u.m, record, expected))).version;
  }
  /** The stored record, read with g(1) as a logged-in client would. */
  async function expectUnchanged() {
    const current = await readRecord(endpoint, user.P, evaluate(user.g, 1));
    expect(current.version).toBe(version);
    expect(recordHash(current.record)).toBe(recordHash(user.record));
  }

  beforeAll(async () => {
    net = await makeNetwork(backend);
    server = await startMetadata(net);
    endpoint = { url: server.url, signingKey: net.network.metadata.signingKey };
    user = await newUser(net.network, { factors: ['device', 'phrase', 'password'] });
    await create(user);
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  test('each factor key reads its record, with the receipt of the current dealing', async () => {
    for (const factor of user.factors) {
      const found = await readRecordByFactor(endpoint, keyOf(factor));
      expect(found.version).toBe(1);
      expect(found.record).toEqual(user.record);
      expect(found.receipt.body).toMatchObject({ P: user.P, epoch: 1, version: 1 });
      expect(found.others).toEqual([]);
    }
  });

  test('a factor removed by a refresh reads the record while previous holds it, and not once it is dropped', async () => {
    const phrase = user.factors[1]!;
    const next = await refresh(net.network, user, { removeIndex: phrase.index });
    version = await write(user, next, version);
    expect((await readRecordByFactor(endpoint, keyOf(phrase))).record).toEqual(next);
    const { previous: _, ...installed } = next;
    user.record = installed;
    version = await write(user, installed, version);
    const refused = await caught(readRecordByFactor(endpoint, keyOf(phrase)));
    expect(isTrineError(refused, 'record-not-found')).toBe(true);
    const device = await readRecordByFactor(endpoint, keyOf(user.factors[0]!));
    expect(device.version).toBe(version);
    expect(device.record).toEqual(installed);
  });

  test('an unknown factor key, even correctly signed, gets 404 record-not-found', async () => {
    const answer = await post(
      server.url,
      '/v1/records/read-by-factor',
      signReadByFactorRequest(generateDeviceKey(), Date.now()),
    );
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('record-not-found');
    await expectUnchanged();
  });

  test('a bad signature, a signature by another key and a key that is not a point get 401 bad-signature', async () => {
    const device = keyOf(user.factors[0]!);
    const good = signReadByFactorRequest(device, Date.now());
    const flipped = `${good.signature.slice(0, -2)}${good.signature.endsWith('00') ? '01' : '00'}`;
    const foreign = signReadByFactorRequest(generateDeviceKey(), Date.now());
    const offCurve = { ...good.request, factor: `02${'ff'.repeat(32)}` };
    for (const body of [
      { ...good, signature: flipped },
      { request: good.request, signature: foreign.signature }, // names the device key, signed by another
      { request: offCurve, signature: toHex(ecdsaSignBody(device, offCurve)) },
    ]) {
      const answer = await post(server.url, '/v1/records/read-by-factor', body);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('bad-signature');
      expect(answer.body).not.toHaveProperty('record');
    }
    await expectUnchanged();
  });

  test('a request issued more than 60 s before or after the server clock is refused', async () => {
    for (const issuedAt of [Date.now() - 61_000, Date.now() + 61_000]) {
      const answer = await post(
        server.url,
        '/v1/records/read-by-factor',
        signReadByFactorRequest(keyOf(user.factors[0]!), issuedAt),
      );
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('bad-signature');
      expect(answer.body.error.message).toMatch(/60 s/);
    }
    const viaClient = await caught(
      readRecordByFactor(endpoint, keyOf(user.factors[0]!), { now: () => Date.now() - 120_000 }),
    );
    expect(isTrineError(viaClient, 'bad-signature')).toBe(true);
  });

  test('malformed requests get 400 naming the field', async () => {
    const good = signReadByFactorRequest(keyOf(user.factors[0]!), Date.now());
    const cases: [unknown, RegExp][] = [
      [{ request: { ...good.request, factor: 'xyz' }, signature: good.signature }, /factor/],
      [{ request: { ...good.request, kind: 'record-read' }, signature: good.signature }, /kind/],
      [{ request: good.request }, /signature/],
      [{ ...good, extra: 1 }, /extra/],
    ];
    for (const [body, field] of cases) {
      const answer = await post(server.url, '/v1/records/read-by-factor', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid-input');
      expect(answer.body.error.message).toMatch(field);
    }
    await expectUnchanged();
  });

  test('one key in two records: the latest is answered and names the other, which P selects', async () => {
    const a = await newUser(net.network, { factors: ['imported'] });
    const b = await newUser(net.network, { factors: ['imported'] });
    // b files its share under a's key (the server never opens shares, so b's own sealed share will do)
    const shared = a.record.factors[0]!.pub;
    b.record = { ...b.record, factors: [{ ...b.record.factors[0]!, pub: shared }] };
    await create(a);
    await sleep(5); // b is written later, whatever the clock's resolution
    await create(b);
    const key = keyOf(a.factors[0]!);
    const latest = await readRecordByFactor(endpoint, key);
    expect(latest.record.P).toBe(b.P);
    expect(latest.others).toEqual([a.P]);
    expect((await readRecordByFactor(endpoint, key, { P: a.P })).record).toEqual(a.record);
    const elsewhere = await caught(readRecordByFactor(endpoint, key, { P: user.P }));
    expect(isTrineError(elsewhere, 'record-not-found')).toBe(true);
  });
});

describe('read by factor: rate limit per factor key', () => {
  let net: TestNetwork;
  let server: MetadataProcess;

  beforeAll(async () => {
    net = await makeNetwork('sqlite');
    server = await startMetadata(net, { args: ['--rate-user', '1'] });
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  test('beyond the burst one key gets 429 rate-limited; another key is still served', async () => {
    const key = generateDeviceKey();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await post(
        server.url,
        '/v1/records/read-by-factor',
        signReadByFactorRequest(key, Date.now()),
      );
      statuses.push(answer.status);
      if (answer.status === 429) expect(answer.body.error.message).toMatch(/factor key/);
    }
    expect(statuses.slice(0, 2)).toEqual([404, 404]);
    expect(statuses).toContain(429);
    const other = await post(
      server.url,
      '/v1/records/read-by-factor',
      signReadByFactorRequest(generateDeviceKey(), Date.now()),
    );
    expect(other.status).toBe(404);
  });
});
