/**
 * Each check of the metadata server on its own, with real records and signatures: what it
 * accepts, and that every way of breaking its rule is refused with the right code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initNetwork } from '../../../src/config/init-network.ts';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { pointToBytes, publicOf, randomScalar } from '../../../src/crypto/scalar.ts';
import { evaluate } from '../../../src/crypto/shamir.ts';
import { ecdsaVerifyBody } from '../../../src/crypto/signature.ts';
import type { TrineErrorCode } from '../../../src/errors/index.ts';
import { checkCreation } from '../../../src/metadata/checks/attestations.ts';
import { checkDealing } from '../../../src/metadata/checks/dealing.ts';
import { checkFirstRecord } from '../../../src/metadata/checks/firstRecord.ts';
import { checkReadSignature } from '../../../src/metadata/checks/readSignature.ts';
import { checkRecordSize, MAX_RECORD_BYTES } from '../../../src/metadata/checks/recordSize.ts';
import { checkRecordUpdate } from '../../../src/metadata/checks/recordUpdate.ts';
import { checkVersion } from '../../../src/metadata/checks/version.ts';
import { checkWriteSignature } from '../../../src/metadata/checks/writeSignature.ts';
import { ecdsaVerifyBodyNative } from '../../../src/metadata/ecdsaVerifyNative.ts';
import type { Attestation, MetadataRecord } from '../../../src/protocol/formats.ts';
import {
  addFactor,
  attest,
  authorizeDealing,
  createRequest,
  newUser,
  nodeSigners,
  randomP,
  readRequest,
  refresh,
  signWrite,
  type TestUser,
} from '../../helpers/record.ts';

let dir: string;
let network: NetworkConfig;
let signers: Awaited<ReturnType<typeof nodeSigners>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trine-checks-'));
  ({ network } = initNetwork({ dir, nodes: 3, threshold: 2, basePort: 19201, metadataPort: 19300 }));
  signers = await nodeSigners(dir, network);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(run: () => unknown): Promise<TrineErrorCode | 'accepted'> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    return (error as { code: TrineErrorCode }).code;
  }
}

const point = () => toHex(pointToBytes(publicOf(randomScalar())));

describe('creation proof', () => {
  const now = () => Date.now();
  const check =
    (record: MetadataRecord, at = now()) =>
    () =>
      checkCreation({ network }, record, at);
  /** u's record with `attestations` as its creation proof, authorised by u's m. */
  const withProof = async (u: TestUser, attestations: Attestation[]) =>
    (await createRequest(u, attestations)).record;
  const rejectedReasons = async (record: MetadataRecord) => {
    try {
      await checkCreation({ network }, record, now());
    } catch (error) {
      expect((error as { code: string }).code).toBe('creation-unproven');
      return (error as { details: { rejected: { reason: string }[]; valid: number } }).details;
    }
    return expect.unreachable();
  };

  test('t distinct fresh unregistered attestations binding M, and m over the dealing, pass', async () => {
    const u = await newUser(network);
    const two = await attest(signers.slice(0, 2), u);
    expect(await refusal(check(await withProof(u, two)))).toBe('accepted');
  });

  test('too few valid attestations (none; one; one repeated) are refused', async () => {
    const u = await newUser(network);
    const record = await withProof(u, await attest(signers.slice(0, 2), u));
    const none = { ...record, creation: { ...record.creation, attestations: [] } };
    expect(await refusal(check(none))).toBe('creation-unproven');
    const one = await attest(signers.slice(0, 1), u);
    expect(await refusal(check(await withProof(u, one)))).toBe('creation-unproven');
    // a repeated attestation counts once: two copies of node 1's are still one node
    const details = await rejectedReasons(await withProof(u, [one[0]!, one[0]!]));
    expect(details.valid).toBe(1);
  });

  test('each bad attestation is named in the details', async () => {
    const u = await newUser(network);
    const good = await attest(signers.slice(0, 1), u);
    const bad = [
      ...(await attest(signers.slice(1, 2), u, { registered: true })),
      ...(await attest(signers.slice(1, 2), u, { issuedAt: now() - 6 * 60_000 })),
      ...(await attest(signers.slice(1, 2), u, { issuedAt: now() + 5 * 60_000 })),
      ...(await attest(signers.slice(1, 2), u, { node: 99 })),
      ...(await attest(signers.slice(1, 2), u, { P: randomP() })),
      { ...(await attest(signers.slice(1, 2), u))[0]!, sig: '00'.repeat(64) },
    ];
    const details = await rejectedReasons(await withProof(u, [...good, ...bad]));
    expect(details.valid).toBe(1);
    expect(details.rejected.map((r) => r.reason)).toEqual([
      'says P is registered',
      'too old',
      'issued in the future',
      'not a node of this network',
      'for another P',
      'bad signature',
    ]);
  });

  test("an attestation binding another login's candidate key is refused", async () => {
    const u = await newUser(network);
    // a login that drew another candidate M (e.g. a replayer's, or a concurrent device's)
    const foreign = await attest(signers.slice(0, 2), u, { candidateM: point() });
    const details = await rejectedReasons(await withProof(u, foreign));
    expect(details.valid).toBe(0);
    expect(details.rejected.map((r) => r.reason)).toEqual([
      "binds another login's metadata key",
      "binds another login's metadata key",
    ]);
    // one valid and one foreign: still below t = 2
    const mixed = [...(await attest(signers.slice(0, 1), u)), ...foreign.slice(1)];
    expect(await refusal(check(await withProof(u, mixed)))).toBe('creation-unproven');
  });

  test('a creation whose authorization is not by M (or not over this dealing) is refused', async () => {
    const u = await newUser(network);
    const record = await withProof(u, await attest(signers.slice(0, 2), u));
    const other = await newUser(network);
    const byOther = {
      ...record,
      creation: { ...record.creation, authorization: authorizeDealing(other.m, record.dealing) },
    };
    expect(await refusal(check(byOther))).toBe('creation-unproven');
    const otherDealing = { ...record.dealing, epoch: 2 };
    const wrongDealing = {
      ...record,
      creation: { ...record.creation, authorization: authorizeDealing(u.m, otherDealing) },
    };
    expect(await refusal(check(wrongDealing))).toBe('creation-unproven');
  });
});

describe('read signature', () => {
  let u: TestUser;
  beforeAll(async () => {
    u = await newUser(network);
  });

  test('g(1) of the current epoch within ±60 s passes; outside, or another key, is bad-signature', async () => {
    const t = Date.now();
    expect(
      await refusal(() => checkReadSignature(ecdsaVerifyBodyNative, u.record, readRequest(u, t), t + 59_000)),
    ).toBe('accepted');
    expect(
      await refusal(() => checkReadSignature(ecdsaVerifyBodyNative, u.record, readRequest(u, t), t + 61_000)),
    ).toBe('bad-signature');
    const other = await newUser(network);
    const foreign = readRequest(u, t, evaluate(other.g, 1));
    expect(await refusal(() => checkReadSignature(ecdsaVerifyBodyNative, u.record, foreign, t))).toBe(
      'bad-signature',
    );
  });

  test('while previous is present the previous g(1) also reads; m alone does not', async () => {
    const oldG1 = evaluate(u.g, 1);
    const next = await refresh(network, u);
    const t = Date.now();
    expect(await refusal(() => checkReadSignature(ecdsaVerifyBody, next, readRequest(u, t, oldG1), t))).toBe(
      'accepted',
    );
    const { previous: _, ...installed } = next;
    expect(
      await refusal(() => checkReadSignature(ecdsaVerifyBody, installed, readRequest(u, t, oldG1), t)),
    ).toBe('bad-signature');
    expect(
      await refusal(() => checkReadSignature(ecdsaVerifyBody, installed, readRequest(u, t, u.m), t)),
    ).toBe('bad-signature');
  });
});

describe('write signature and version', () => {
  test('only m over this record and this expected version', async () => {
    const u = await newUser(network);
    const other = await newUser(network);
    const check = (M: string, version: number, sig: string) => () =>
      checkWriteSignature(ecdsaVerifyBodyNative, M, u.record, version, sig);
    expect(await refusal(check(u.record.meta.M, 3, signWrite(u.m, u.record, 3)))).toBe('accepted');
    expect(await refusal(check(u.record.meta.M, 4, signWrite(u.m, u.record, 3)))).toBe('bad-signature');
    expect(await refusal(check(u.record.meta.M, 3, signWrite(other.m, u.record, 3)))).toBe('bad-signature');
    expect(await refusal(check(other.record.meta.M, 3, signWrite(other.m, u.record, 3)))).toBe('accepted');
    expect(await refusal(() => checkVersion(3, 2))).toBe('version-conflict');
  });
});

describe('record rules', () => {
  let u: TestUser;
  beforeAll(async () => {
    u = await newUser(network, { factors: ['passkey', 'phrase'] });
  });

  test('a first record is epoch 1 without previous', async () => {
    expect(await refusal(() => checkFirstRecord(network, u.record))).toBe('accepted');
    const later = structuredClone(u);
    const next = await refresh(network, later);
    expect(await refusal(() => checkFirstRecord(network, next))).toBe('invalid-input');
  });

  test('dealing: threshold, nodes and F[0] = K + A1, G[0] = M + B1', async () => {
    const d = u.record.dealing;
    expect(await refusal(() => checkDealing(network, d))).toBe('accepted');
    const F = [point(), ...d.commitments.F.slice(1)];
    const G = [point(), ...d.commitments.G.slice(1)];
    expect(await refusal(() => checkDealing(network, { ...d, commitments: { ...d.commitments, F } }))).toBe(
      'commitment-mismatch',
    );
    expect(await refusal(() => checkDealing(network, { ...d, commitments: { ...d.commitments, G } }))).toBe(
      'commitment-mismatch',
    );
    const notAPoint = `02${'ff'.repeat(32)}`;
    expect(
      await refusal(() =>
        checkDealing(network, { ...d, commitments: { ...d.commitments, F: [notAPoint, ...F.slice(1)] } }),
      ),
    ).toBe('commitment-mismatch');
    expect(await refusal(() => checkDealing(network, { ...d, shares: d.shares.slice(0, 1) }))).toBe(
      'invalid-input',
    );
    const stranger = { ...d, shares: [...d.shares.slice(1), { ...d.shares[0]!, node: 42 }] };
    expect(await refusal(() => checkDealing(network, stranger))).toBe('invalid-input');
    expect(await refusal(() => checkDealing({ ...network, threshold: 3 }, d))).toBe('invalid-input');
  });

  test('update: keys fixed, epoch +0 or +1, dealing only with a new epoch, indices never reused', async () => {
    const stored = u.record;
    const other = await newUser(network);
    const update = (next: MetadataRecord) => () => checkRecordUpdate(network, stored, next);
    const withFactor = addFactor(structuredClone(u), 'device');
    expect(await refusal(update(withFactor))).toBe('accepted');
    expect(await refusal(update({ ...stored, tss: { ...stored.tss, K: other.record.tss.K } }))).toBe(
      'invalid-input',
    );
    expect(await refusal(update({ ...stored, meta: { ...stored.meta, M: other.record.meta.M } }))).toBe(
      'invalid-input',
    );
    expect(
      await refusal(
        update({ ...stored, dealing: { ...stored.dealing, shares: stored.dealing.shares.slice(1) } }),
      ),
    ).toBe('invalid-input');
    const refreshed = await refresh(network, structuredClone(u), { removeIndex: 3 });
    expect(await refusal(update(refreshed))).toBe('accepted');
    expect(
      await refusal(update({ ...refreshed, epoch: 3, dealing: { ...refreshed.dealing, epoch: 3 } })),
    ).toBe('stale-epoch');
    // index 2 handed to another factor key: an index is never reused
    const reused = { ...stored, factors: [stored.factors[1]!, { ...stored.factors[0]!, pub: point() }] };
    expect(await refusal(update(reused))).toBe('invalid-input');
    expect(await refusal(update({ ...stored, nextIndex: stored.nextIndex - 1 }))).toBe('invalid-input');
  });

  test('record size cap', () => {
    const big = { ...u.record, private: 'ab'.repeat(MAX_RECORD_BYTES / 2) } as MetadataRecord;
    expect(() => checkRecordSize(big)).toThrow(/at most/);
    expect(() => checkRecordSize(u.record)).not.toThrow();
  });
});
