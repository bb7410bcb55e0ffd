/**
 * `npm run node:rotate-storage-key` on a real node store of 2001 records and 300 inboxes,
 * on both backends: the rotating process is killed with SIGKILL part-way; meanwhile the
 * node refuses to start (with either key); the rerun finishes what is left; every row then
 * opens under the new key with its plaintext unchanged and none under the old; the node
 * started with the new secrets serves a real login (it is one of the t answers used) and
 * refuses the old secrets. Bad input (another node's secrets) changes nothing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNetworkShare } from '../../../src/clients/nodes/fetchNetworkShare.ts';
import { networkPath, nodeSecretsPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import { aeadOpen, aeadSeal } from '../../../src/crypto/aead.ts';
import { fromHex, randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { recordKey } from '../../../src/node/record.ts';
import type { NodeStore } from '../../../src/node/store/contract.ts';
import { openNodeStore } from '../../../src/node/store/open.ts';
import { nodeInboxSlot, nodeStorageSlot } from '../../../src/protocol/slots.ts';
import { type ServiceHandle, spawnService } from '../../../src/stack/process.ts';
import { type Backend, type NodeNetwork, startNodeNetwork } from '../node/harness.ts';
import { registerAccount } from './register.ts';

const FILLER = 2000;
const INBOXES = 300;
const tsx = join(repoRoot, 'node_modules/.bin/tsx');

type Run = { code: number | null; stdout: string; stderr: string };
const run = (entry: string, args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(tsx, [entry, ...args], { cwd: repoRoot, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
const lastJson = (stdout: string, msg: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((l) => l.msg === msg)
    .at(-1);

/** Every row's plaintext, opened under `key` (undefined where it does not open). */
async function openAll(store: NodeStore, key: Uint8Array): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const table of ['records', 'inboxes'] as const) {
    let after = '';
    for (;;) {
      const rows = await store.sealedRows(table, after, 500);
      if (rows.length === 0) break;
      for (const row of rows) {
        const slot = table === 'records' ? nodeStorageSlot(row.P) : nodeInboxSlot(row.P, row.pub!);
        let text: string | undefined;
        try {
          text = toHex(aeadOpen(key, row.sealed, slot));
        } catch {
          text = undefined;
        }
        out.set(`${table}:${row.P}`, text);
      }
      after = rows.at(-1)!.P;
    }
  }
  return out;
}

describe.each<Backend>(['sqlite', 'postgres'])('storage key rotation on %s', (backend) => {
  let net: NodeNetwork;
  let alice: Awaited<ReturnType<typeof registerAccount>>;
  let before: Map<string, string | undefined>;
  let restarted: ServiceHandle | undefined;
  let oldSecrets: string;
  let newSecrets: string;
  let oldKey: Uint8Array;
  const rotate = (extra: string[] = []) =>
    run('src/node/rotateStorageKeyMain.ts', [
      '--secrets',
      oldSecrets,
      '--store',
      net.storeOf(1),
      '--new-secrets',
      newSecrets,
      ...extra,
    ]);

  beforeAll(async () => {
    net = await startNodeNetwork({ nodes: 3, threshold: 2, backend });
    alice = await registerAccount(net, 'alice');
    expect(alice.acks).toEqual([1, 2, 3]);
    await net.node(1).stop();
    oldSecrets = nodeSecretsPath(net.dir, 1);
    newSecrets = join(net.dir, 'node-1.rotated.secrets.json');
    oldKey = recordKey(fromHex(net.secretsOf(1).storageKey, 32));
    // filler users: alice's sealed record content under other pseudonyms, and inboxes
    const store = await openNodeStore(net.storeOf(1));
    try {
      const real = (await store.get(alice.P))!;
      const record = aeadOpen(oldKey, real.sealed, nodeStorageSlot(alice.P));
      for (let i = 0; i < FILLER; i++) {
        const P = toHex(randomBytes(32));
        expect(await store.replace(P, 0, 1, aeadSeal(oldKey, record, nodeStorageSlot(P)))).toBe(true);
        if (i < INBOXES) {
          const pub = toHex(randomBytes(32));
          await store.initInbox(P, { pub, sealed: aeadSeal(oldKey, randomBytes(32), nodeInboxSlot(P, pub)) });
        }
      }
      before = await openAll(store, oldKey);
    } finally {
      await store.close();
    }
    expect(before.size).toBeGreaterThanOrEqual(FILLER + 1 + INBOXES);
  }, 240_000);
  afterAll(async () => {
    await restarted?.stop();
    await net?.stop();
  });

  it('refuses secrets that do not open the store, writing nothing', async () => {
    const wrong = await run('src/node/rotateStorageKeyMain.ts', [
      '--secrets',
      nodeSecretsPath(net.dir, 2),
      '--store',
      net.storeOf(1),
      '--new-secrets',
      newSecrets,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /--secrets: the current storage key does not open this store: nothing was changed/,
    );
    expect(existsSync(newSecrets)).toBe(false);
    const missing = await rotate(['--batch', 'many']);
    expect(missing.stderr).toMatch(/--batch: expected a positive number, got "many"/);
    expect(existsSync(newSecrets)).toBe(false);
  });

  it('survives kill -9 mid-way, blocks the node meanwhile, and finishes on a rerun', async () => {
    // one process (node --import tsx, not the tsx launcher, which would leave its child running)
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/node/rotateStorageKeyMain.ts', '--secrets', oldSecrets].concat([
        '--store',
        net.storeOf(1),
        '--new-secrets',
        newSecrets,
        '--batch',
        '5',
      ]),
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let killedAt = -1;
    let sawDone = false;
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const event = JSON.parse(line);
        if (event.msg === 'done') sawDone = true;
        if (killedAt < 0 && event.msg === 'progress' && event.table === 'records' && event.resealed >= 300) {
          killedAt = event.resealed;
          child.kill('SIGKILL');
        }
      }
    });
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(sawDone).toBe(false);
    expect(killedAt).toBeGreaterThanOrEqual(300);
    expect(JSON.parse(readFileSync(newSecrets, 'utf8')).storageKey).not.toBe(net.secretsOf(1).storageKey);

    // half rotated: the node refuses to start with either key
    const port = String(new URL(net.network.nodes[0]!.url).port);
    const nodeArgs = (secrets: string) =>
      ['--network', networkPath(net.dir), '--secrets', secrets].concat([
        '--store',
        net.storeOf(1),
        '--port',
        port,
      ]);
    const [withOld, withNew] = await Promise.all([
      run('src/node/main.ts', nodeArgs(oldSecrets)),
      run('src/node/main.ts', nodeArgs(newSecrets)),
    ]);
    for (const refused of [withOld, withNew]) {
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toMatch(/a storage key rotation of this store is unfinished/);
    }

    const rerun = await rotate();
    expect(rerun.code, rerun.stderr).toBe(0);
    const done = lastJson(rerun.stdout, 'done');
    expect(done).toMatchObject({ records: FILLER + 1, inboxes: expect.any(Number), alreadyDone: false });
    expect(done.inboxes).toBeGreaterThanOrEqual(INBOXES);
    expect(done.resealedNow).toBeLessThan(FILLER + 1 + done.inboxes); // the killed run's work was kept
    expect(done.resealedNow).toBeGreaterThan(0);
    const again = await rotate();
    expect(lastJson(again.stdout, 'done')).toMatchObject({ alreadyDone: true, resealedNow: 0 });

    // every row opens under the new key with the same plaintext, none under the old
    const newKey = recordKey(fromHex(JSON.parse(readFileSync(newSecrets, 'utf8')).storageKey, 32));
    const store = await openNodeStore(net.storeOf(1));
    try {
      const after = await openAll(store, newKey);
      expect(after).toEqual(before);
      expect([...(await openAll(store, oldKey)).values()].every((v) => v === undefined)).toBe(true);
    } finally {
      await store.close();
    }

    // the old secrets are refused; with the new ones the node is ready and serves alice
    const old = await run('src/node/main.ts', nodeArgs(oldSecrets));
    expect(old.stderr).toMatch(/the storage key does not open this store/);
    restarted = await spawnService({
      name: 'node-1-rotated',
      command: 'tsx',
      cwd: repoRoot,
      args: ['src/node/main.ts', ...nodeArgs(newSecrets), '--identity-rate', '100'],
      readyUrl: `http://127.0.0.1:${port}/readyz`,
    });
    await net.node(3).stop(); // t = 2: the answer must come from nodes 1 and 2
    const share = await fetchNetworkShare({ network: net.network, ...(await net.login('alice')) });
    expect(share.P).toBe(alice.P);
    expect([...share.used].sort()).toEqual([1, 2]);
    expect(share.share).toEqual(alice.networkShare);
  }, 240_000);
});
