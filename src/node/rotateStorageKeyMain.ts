/**
 * The storage key rotation command (docs/OPERATIONS.md, "Rotate the storage key"):
 *
 *   npm run node:rotate-storage-key -- --secrets <current node-<j>.secrets.json> \
 *     --store <sqlite:<file> | postgres://…?schema=<name>> --new-secrets <file> [--batch 200]
 *
 * Stop the node first. The first run draws a new storage key and writes the new secrets
 * file (the current one with only `storageKey` changed, mode 0600, written and synced
 * before the store is touched); a rerun after a crash finds that file and continues with
 * its key. Prints one JSON line per batch (`progress`) and `done`; then start the node with
 * `--secrets <new file>`. The current secrets may come from TRINE_NODE_SECRETS instead.
 * Exit code 0 on success (also when the store was already rotated), 1 with a message naming
 * the problem otherwise; no key is ever printed.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import type { NodeSecrets } from '../config/network.ts';
import { fromHex, randomBytes, toHex } from '../crypto/bytes.ts';
import { invalidInput } from '../errors/index.ts';
import { parseFlags, positiveNumber } from '../server/flags.ts';
import { createLogger } from '../server/log.ts';
import { describeStore, parseStoreUrl } from '../storage/url.ts';
import { KEY_CHECK, opensKeyCheck, ROTATION_CHECK } from './keyCheck.ts';
import { recordKey } from './record.ts';
import { rotateStorageKey } from './rotateStorageKey.ts';
import { readNodeSecrets } from './secrets.ts';
import { startupMessage } from './start.ts';
import type { NodeStore } from './store/contract.ts';
import { openNodeStore } from './store/open.ts';

/** Writes the file whole or not at all: a temporary file, synced, then renamed over. */
function writeSecretsFile(file: string, secrets: NodeSecrets): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(secrets, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The new secrets: read back on a rerun (and checked to be this node's), else drawn and written. */
function newSecrets(current: NodeSecrets, file: string): { secrets: NodeSecrets; resumed: boolean } {
  if (!existsSync(file)) {
    const secrets = { ...current, storageKey: toHex(randomBytes(32)) };
    writeSecretsFile(file, secrets);
    return { secrets, resumed: false };
  }
  const secrets = readNodeSecrets(file);
  const same = (['index', 'signingKey', 'encryptionKey', 'networkSalt'] as const).every(
    (field) => secrets[field] === current[field],
  );
  if (!same) throw invalidInput('--new-secrets', `${file} holds another node's secrets`);
  if (secrets.storageKey === current.storageKey)
    throw invalidInput('--new-secrets', `${file} holds the current storage key, not a new one`);
  return { secrets, resumed: true };
}

/** Before the first run writes anything: the current key must open the store, and no other rotation runs. */
async function assertFirstRun(store: NodeStore, oldKey: Uint8Array, newSecretsFile: string): Promise<void> {
  if (await store.getSetting(ROTATION_CHECK))
    throw invalidInput(
      '--new-secrets',
      `a rotation of this store is unfinished, but ${newSecretsFile} does not exist: give the new secrets file that rotation wrote`,
    );
  const check = await store.getSetting(KEY_CHECK);
  if (check ? !opensKeyCheck(oldKey, check) : (await store.count()) > 0)
    throw invalidInput('--secrets', 'the current storage key does not open this store: nothing was changed');
}

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, { secrets: {}, store: {}, 'new-secrets': {}, batch: { default: '200' } });
  if (!flags.store) throw invalidInput('--store', 'required (sqlite:<file> or postgres://…?schema=<name>)');
  if (!flags['new-secrets']) throw invalidInput('--new-secrets', 'required: the file the new secrets go to');
  const batch = positiveNumber('batch', flags.batch)!;
  if (!Number.isInteger(batch)) throw invalidInput('--batch', 'expected a whole number of rows');
  const location = parseStoreUrl(flags.store);
  const current = readNodeSecrets(flags.secrets);
  const log = createLogger(`rotate-node-${current.index}`);
  const store = await openNodeStore(flags.store);
  const oldKey = recordKey(fromHex(current.storageKey, 32));
  try {
    if (!existsSync(flags['new-secrets'])) await assertFirstRun(store, oldKey, flags['new-secrets']);
    const { secrets, resumed } = newSecrets(current, flags['new-secrets']);
    log.info('rotating', { store: describeStore(location), newSecrets: flags['new-secrets'], resumed });
    const newKey = recordKey(fromHex(secrets.storageKey, 32));
    const result = await rotateStorageKey({
      store,
      oldKey,
      newKey,
      batch,
      onProgress: (p) => log.info('progress', p),
    });
    newKey.fill(0);
    log.info('done', {
      records: result.records.resealed + result.records.alreadyNew,
      inboxes: result.inboxes.resealed + result.inboxes.alreadyNew,
      resealedNow: result.records.resealed + result.inboxes.resealed,
      alreadyDone: result.alreadyDone,
      next: `start the node with --secrets ${flags['new-secrets']}`,
    });
  } finally {
    oldKey.fill(0);
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`rotate-storage-key: ${startupMessage(error)}`);
  process.exit(1);
});
