/**
 * After a full user life cycle (register with a passkey, add a password and a recovery
 * phrase, refresh to remove a factor, finish the refresh, rename), the database holds no
 * plaintext secret: no share, sub-share, factor key, k, m, label or credential id, in any
 * encoding we know (hex text, raw bytes). The SQLite file and its WAL are scanned byte by
 * byte; PostgreSQL rows as text. The scan proves it can see by finding the sealed values.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRecord, writeRecord } from '../../../src/clients/metadata/index.ts';
import { fromHex } from '../../../src/crypto/bytes.ts';
import { evaluate } from '../../../src/crypto/shamir.ts';
import {
  addFactor,
  attest,
  createRequest,
  newUser,
  refresh,
  signWrite,
  type TestUser,
  touch,
} from '../../helpers/record.ts';
import {
  backends,
  type MetadataProcess,
  makeNetwork,
  post,
  startMetadata,
  type TestNetwork,
  withPg,
} from './harness.ts';

describe.each(backends)('storage scan on %s', (backend) => {
  let net: TestNetwork;
  let server: MetadataProcess;
  let user: TestUser;

  beforeAll(async () => {
    net = await makeNetwork(backend);
    server = await startMetadata(net);
  });
  afterAll(async () => {
    await server?.stop();
    await net?.cleanup();
  });

  async function lifeCycle() {
    const endpoint = { url: server.url, signingKey: net.network.metadata.signingKey };
    user = await newUser(net.network, { factors: ['passkey'] });
    expect(
      (
        await post(
          server.url,
          '/v1/records/create',
          await createRequest(user, await attest(net.signers, user)),
        )
      ).status,
    ).toBe(201);
    let version = 1;
    const write = async (record = user.record) => {
      version = (await writeRecord(endpoint, record, version, signWrite(user.m, record, version))).version;
    };
    await write(addFactor(user, 'password'));
    await write(addFactor(user, 'phrase'));
    await write(await refresh(net.network, user, { removeIndex: 3 }));
    const { previous: _, ...installed } = user.record;
    user.record = installed;
    await write();
    await write(touch(user, 'renamed wallet label'));
    expect((await readRecord(endpoint, user.P, evaluate(user.g, 1))).version).toBe(6);
  }

  async function storedBytes(): Promise<Buffer> {
    if (net.sqliteFile) {
      const files = [net.sqliteFile, `${net.sqliteFile}-wal`];
      return Buffer.concat(
        files.map((f) => {
          try {
            return readFileSync(f);
          } catch {
            return Buffer.alloc(0);
          }
        }),
      );
    }
    const rows = await withPg((c) => c.query(`SELECT * FROM "${net.schema}".records`));
    return Buffer.from(JSON.stringify(rows.rows));
  }

  test('no plaintext share, factor key, label or credential id is stored', async () => {
    await lifeCycle();
    const bytes = await storedBytes();
    // the scan sees what is really there
    expect(bytes.includes(user.P)).toBe(true);
    // A record with its creation proof is longer than a SQLite page, so the row runs onto
    // overflow pages, and a value may straddle a page boundary (split by the next page's
    // 4-byte header). The private part (< one page) is cut at most once: one half is whole.
    const priv = user.record.private;
    const halves = [priv.slice(0, priv.length / 2), priv.slice(priv.length / 2)];
    expect(halves.some((half) => bytes.includes(half))).toBe(true);
    expect(user.secrets.length).toBeGreaterThan(30);
    const found = user.secrets.filter((secret) => {
      if (bytes.includes(secret)) return true;
      if (/^[0-9a-f]{64}$/.test(secret) && bytes.includes(Buffer.from(fromHex(secret)))) return true;
      return false;
    });
    expect(found).toEqual([]);
  });
});
