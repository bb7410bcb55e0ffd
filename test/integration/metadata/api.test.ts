/**
 * The metadata API end to end against a real server process, on both backends: the life
 * of one record through the client (create, read, write, add a factor, refresh to a new
 * epoch), then every kind of bad request: each gets a clear error and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AlreadyRegisteredError,
  createRecord,
  readRecord,
  VersionConflictError,
  writeRecord,
} from '../../../src/clients/metadata/index.ts';
import { evaluate } from '../../../src/crypto/shamir.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import type { MetadataRecord } from '../../../src/protocol/formats.ts';
import { recordHash } from '../../../src/protocol/hashes.ts';
import {
  addFactor,
  attest,
  authorizeDealing,
  createRequest,
  newUser,
  readRequest,
  refresh,
  signWrite,
  type TestUser,
  touch,
  writeRequest,
} from '../../helpers/record.ts';
import {
  backends,
  type MetadataProcess,
  makeNetwork,
  post,
  startMetadata,
  type TestNetwork,
} from './harness.ts';

const caught = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe.each(backends)('metadata API on %s', (backend) => {
  let net: TestNetwork;
  let server: MetadataProcess;
  let endpoint: { url: string; signingKey: string };
  let user: TestUser;
  let version = 0;

  beforeAll(async () => {
    net = await makeNetwork(backend);
    server = await startMetadata(net);
    endpoint = { url: server.url, signingKey: net.network.metadata.signingKey };
    user = await newUser(net.network, { factors: ['passkey', 'phrase'] });
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  /** Reads with the user's g(1) and asserts the stored record is still `record` at `version`. */
  async function expectUnchanged(record: MetadataRecord = user.record) {
    const current = await readRecord(endpoint, user.P, evaluate(user.g, 1));
    expect(current.version).toBe(version);
    expect(recordHash(current.record)).toBe(recordHash(record));
  }

  test('create answers version 1 and a receipt binding P, epoch 1 and the dealing', async () => {
    const created = await createRecord(endpoint, await createRequest(user, await attest(net.signers, user)));
    version = created.version;
    expect(created.version).toBe(1);
    expect(created.receipt.body).toMatchObject({ P: user.P, epoch: 1, version: 1 });
    const read = await readRecord(endpoint, user.P, evaluate(user.g, 1));
    expect(read.record).toEqual(user.record);
    expect(read.receipt).toEqual(created.receipt);
  });

  test('a second create for the same P is told already-registered with the first dealing', async () => {
    const other = await newUser(net.network, { P: user.P });
    const error = await caught(
      createRecord(endpoint, await createRequest(other, await attest(net.signers, other))),
    );
    expect(error).toBeInstanceOf(AlreadyRegisteredError);
    expect((error as AlreadyRegisteredError).dealing).toEqual(user.record.dealing);
    // and the winner's creation proof, for the loser to check before it relays the dealing
    expect((error as AlreadyRegisteredError).creation).toEqual(user.record.creation);
    await expectUnchanged();
  });

  test('a write in the same epoch keeps the dealing receipt; adding a factor works', async () => {
    const before = await readRecord(endpoint, user.P, evaluate(user.g, 1));
    const next = addFactor(user, 'password');
    const written = await writeRecord(endpoint, next, version, signWrite(user.m, next, version));
    expect(written.version).toBe(version + 1);
    expect(written.receipt).toEqual(before.receipt);
    version = written.version;
    await expectUnchanged();
  });

  test('a refresh to epoch 2 gets a new receipt; the old read key works only while previous is kept', async () => {
    const oldG1 = evaluate(user.g, 1);
    const next = await refresh(net.network, user, { removeIndex: 3 });
    const written = await writeRecord(endpoint, next, version, signWrite(user.m, next, version));
    version = written.version;
    expect(written.receipt.body).toMatchObject({ P: user.P, epoch: 2, version });
    expect((await readRecord(endpoint, user.P, oldG1)).version).toBe(version);
    const { previous: _, ...installed } = next;
    user.record = installed;
    version = (await writeRecord(endpoint, installed, version, signWrite(user.m, installed, version)))
      .version;
    const refused = await caught(readRecord(endpoint, user.P, oldG1));
    expect(isTrineError(refused, 'bad-signature')).toBe(true);
    await expectUnchanged();
  });

  test('a stale version gets 409 version-conflict with the current version', async () => {
    const next = touch(structuredClone(user), 'stale');
    const error = await caught(
      writeRecord(endpoint, next, version - 1, signWrite(user.m, next, version - 1)),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).currentVersion).toBe(version);
    await expectUnchanged();
  });

  test('a replayed old write is refused', async () => {
    // a request that was accepted before (at version 1), sent again
    const replay = { ...writeRequest(user, 1), record: user.record };
    replay.signature = signWrite(user.m, user.record, 1);
    const answer = await post(server.url, '/v1/records/write', replay);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({
      code: 'version-conflict',
      details: { currentVersion: version },
    });
    await expectUnchanged();
  });

  test('a bad write signature and a signature by another user are refused', async () => {
    const next = touch(structuredClone(user), 'forged');
    const flipped = signWrite(user.m, next, version).replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const other = await newUser(net.network);
    for (const signature of [flipped, signWrite(other.m, next, version), '00'.repeat(64)]) {
      const answer = await post(server.url, '/v1/records/write', {
        record: next,
        expectedVersion: version,
        signature,
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('bad-signature');
    }
    await expectUnchanged();
  });

  test('writes that change the keys, skip an epoch or reuse an index are refused', async () => {
    const other = await newUser(net.network);
    const cases: [MetadataRecord, number, string][] = [
      [
        { ...user.record, tss: other.record.tss, dealing: { ...user.record.dealing, tss: other.record.tss } },
        400,
        'invalid-input',
      ],
      [
        {
          ...user.record,
          epoch: user.record.epoch + 2,
          dealing: { ...user.record.dealing, epoch: user.record.epoch + 2 },
        },
        409,
        'stale-epoch',
      ],
      [{ ...user.record, nextIndex: 2 }, 400, 'invalid-input'],
    ];
    for (const [record, status, code] of cases) {
      const answer = await post(server.url, '/v1/records/write', {
        record,
        expectedVersion: version,
        signature: signWrite(user.m, record, version),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    await expectUnchanged();
  });

  test('a read outside the ±60 s window, or signed by another key, is refused', async () => {
    for (const issuedAt of [Date.now() - 61_000, Date.now() + 61_000]) {
      const answer = await post(server.url, '/v1/records/read', readRequest(user, issuedAt));
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('bad-signature');
      expect(answer.body.error.message).toMatch(/60 s/);
    }
    const other = await newUser(net.network);
    const foreign = await post(
      server.url,
      '/v1/records/read',
      readRequest(user, Date.now(), evaluate(other.g, 1)),
    );
    expect(foreign.status).toBe(401);
  });

  test('malformed and oversized requests get 400/413/415 naming the problem', async () => {
    const garbage = await post(server.url, '/v1/records/write', '{"record": ');
    expect(garbage.status).toBe(400);
    const { nextIndex: _, ...missing } = user.record;
    const noField = await post(server.url, '/v1/records/write', {
      record: missing,
      expectedVersion: version,
      signature: '00'.repeat(64),
    });
    expect(noField.status).toBe(400);
    expect(noField.body.error.message).toMatch(/nextIndex/);
    const bigPrivate = { ...user.record, private: 'ab'.repeat(64 * 1024 + 1) };
    const tooBig = await post(server.url, '/v1/records/write', {
      record: bigPrivate,
      expectedVersion: version,
      signature: signWrite(user.m, bigPrivate, version),
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/private/);
    const huge = await post(server.url, '/v1/records/write', { pad: 'x'.repeat(600 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too-large');
    const plain = await fetch(`${server.url}/v1/records/read`, { method: 'POST', body: '{}' });
    expect(plain.status).toBe(415);
    await expectUnchanged();
  });

  test('unknown P: read and write get 404 record-not-found; create needs its creation proof', async () => {
    const stranger = await newUser(net.network);
    const read = await post(server.url, '/v1/records/read', readRequest(stranger));
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('record-not-found');
    const write = await post(server.url, '/v1/records/write', writeRequest(stranger, 1));
    expect(write.status).toBe(404);

    const [first, second] = net.signers;
    const forged = (await attest([first!], stranger)).map((a) => ({
      ...a,
      body: { ...a.body, node: second!.index },
    }));
    const attempts = [
      await attest([first!], stranger), // fewer than t
      [...(await attest([first!], stranger)), ...(await attest([first!], stranger))], // one node twice
      [...(await attest([first!], stranger)), ...forged], // node 2's attestation signed by node 1
      await attest(net.signers, stranger, { registered: true }),
      await attest(net.signers, stranger, { issuedAt: Date.now() - 6 * 60_000 }),
      await attest(net.signers, user), // for another P
      await attest(net.signers, stranger, { candidateM: user.record.meta.M }), // binds another login's M
    ];
    for (const attestations of attempts) {
      const answer = await post(
        server.url,
        '/v1/records/create',
        await createRequest(stranger, attestations),
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      expect(answer.body.error.code).toBe('creation-unproven');
    }
    // valid attestations, but the first dealing authorised by another key than the record's M
    const foreignAuthorization = await createRequest(stranger, await attest(net.signers, stranger));
    foreignAuthorization.record.creation.authorization = authorizeDealing(user.m, stranger.record.dealing);
    foreignAuthorization.signature = signWrite(stranger.m, foreignAuthorization.record, 0);
    const unauthorised = await post(server.url, '/v1/records/create', foreignAuthorization);
    expect([unauthorised.status, unauthorised.body.error.code]).toEqual([403, 'creation-unproven']);
    const badSignature = await createRequest(stranger, await attest(net.signers, stranger));
    badSignature.signature = signWrite(user.m, stranger.record, 0);
    expect((await post(server.url, '/v1/records/create', badSignature)).status).toBe(401);
    expect((await post(server.url, '/v1/records/read', readRequest(stranger))).status).toBe(404);
  });

  test('/healthz and /metrics answer', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/trine_metadata_requests_total\{route="write",status="409"\}/);
  });
});
