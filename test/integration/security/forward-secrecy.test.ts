/**
 * Issue 19, items 2 and 3, as the attacker does it. Removing a factor must be forward
 * secure (invariant 4): the removed factor key, every record it could have kept (with their
 * dealings), and the secrets and disks of every node taken AFTER the refresh must not
 * rebuild the key. And a replaced epoch, or a used inbox key, must not linger in a node's
 * database files (SQLite WAL included).
 *
 * Control, so the attack cannot pass by being broken: while a dealing is not yet installed,
 * the same attack on the same files does open it and rebuilds k.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecordByFactor } from '../../../src/clients/metadata/index.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { generateRecoveryPhrase } from '../../../src/crypto/factors/phrase.ts';
import { publicOf } from '../../../src/crypto/scalar.ts';
import type { MetadataRecord } from '../../../src/protocol/formats.ts';
import { openFactorShare } from '../../../src/wallet/factorShare.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { removeFactor } from '../../../src/wallet/flows/removeFactor.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import { materialFromShares } from '../../../src/wallet/material.ts';
import { crashingBackend, InjectedCrash } from '../wallet/crash.ts';
import { freshAccount, startWalletHarness, type WalletHarness } from '../wallet/harness.ts';
import { interpolate, onDisk, openDealing, type StolenNode, stealNode, storedSubShares } from './attacker.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 12_000 });
});
afterAll(async () => {
  await h?.stop();
});

const stealAll = (): StolenNode[] => h.stack.network.nodes.map((n) => stealNode(h.stack.dir, n.index));

/** k from the network share (index 1) and the removed factor's share of the same record's epoch. */
function rebuildK(record: MetadataRecord, network: { f: bigint; g: bigint }, factorKey: Uint8Array): string {
  const pub = toHex(factorPublicKey(factorKey));
  const entry = record.factors.find((f) => f.pub === pub)!;
  const pair = openFactorShare(record.P, record.epoch, entry.index, entry.pub, entry.sealed, factorKey);
  const material = materialFromShares(1, network, entry.index, pair);
  return toHex(publicOf(material.k).toBytes(true));
}

describe('a removed factor plus everything it kept plus every node taken later', () => {
  it('cannot open the old dealings nor rebuild the key; old epochs and used inbox keys are gone from disk', async () => {
    const account = freshAccount('forward');
    const device = generateDeviceKey();
    const phrase = generateRecoveryPhrase();
    const enrol = () => [
      { type: 'device' as const, factorKey: device, label: 'device' },
      { type: 'phrase' as const, factorKey: phrase.factorKey, label: 'phrase' },
    ];

    // Registration dies after the create, before any node got its part: the dealing is live.
    const crashed = crashingBackend(h.backend, { call: 'installDealing', when: 'before' });
    await expect(signIn({ backend: crashed, login: await h.loginAs(account), enrol })).rejects.toBeInstanceOf(
      InjectedCrash,
    );
    // The phrase holder reads the record like anyone holding a factor key can (read-by-factor).
    const epoch1 = (await readRecordByFactor(h.stack.network.metadata, phrase.factorKey)).record;
    const K = epoch1.tss.K;

    // Control: a dealing not yet installed opens with what the nodes' disks hold.
    const live = await openDealing(epoch1.dealing, stealAll());
    expect(live.size).toBe(h.stack.network.nodes.length);
    expect(rebuildK(epoch1, interpolate(live), phrase.factorKey)).toBe(K);

    // The next sign-in finishes the registration (relays the dealing), then the phrase is removed.
    const again = await signIn({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: device },
      enrol,
    });
    if (again.kind !== 'existing') throw new Error('expected the registered wallet');
    const session = again.result.session;
    expect(session.state.record.tss.K).toBe(K);

    // What the disks hold for this user right before the refresh: the epoch-1 rows and the inbox keys.
    const before = stealAll();
    const P = epoch1.P;
    const oldSubShares = storedSubShares(before, P);
    expect(oldSubShares.size).toBe(h.stack.network.nodes.length);
    const rowsBefore = h.stack.network.nodes.map((n) => {
      const db = new Database(join(h.stack.dir, `node-${n.index}.sqlite`), { readonly: true });
      try {
        const row = db.prepare('SELECT sealed FROM node_records WHERE p = ?').get(P) as { sealed: Buffer };
        const inboxes = db.prepare('SELECT sealed FROM node_inboxes WHERE p = ?').all(P) as {
          sealed: Buffer;
        }[];
        return {
          node: n.index,
          record: new Uint8Array(row.sealed),
          inboxes: inboxes.map((r) => new Uint8Array(r.sealed)),
        };
      } finally {
        db.close();
      }
    });
    for (const r of rowsBefore) expect(onDisk(h.stack.dir, r.node, r.record)).toBe(true); // the scan finds what is there

    await removeFactor({
      backend: h.backend,
      login: await h.loginAs(account),
      session,
      factorPub: toHex(factorPublicKey(phrase.factorKey)),
    });
    expect(session.epoch).toBe(2);
    const epoch2 = session.state.record;

    // Every node is taken after the refresh: secrets file, storage key, database.
    const after = stealAll();
    // Neither the old dealing nor the refresh's own dealing opens with anything they hold.
    expect((await openDealing(epoch1.dealing, after)).size).toBe(0);
    expect((await openDealing(epoch2.dealing, after)).size).toBe(0);
    // What the nodes store now is epoch 2, which does not combine with the removed phrase's share.
    const current = storedSubShares(after, P);
    expect(current.size).toBe(h.stack.network.nodes.length);
    expect(rebuildK(epoch1, interpolate(current), phrase.factorKey)).not.toBe(K);
    // The epoch-1 rows and the inbox keys the refresh used are not in any node file (WAL included).
    for (const r of rowsBefore) {
      expect(onDisk(h.stack.dir, r.node, r.record), `node ${r.node}: epoch-1 row`).toBe(false);
      for (const inbox of r.inboxes)
        expect(onDisk(h.stack.dir, r.node, inbox), `node ${r.node}: inbox`).toBe(false);
    }

    // The remaining factor still works with the network.
    const back = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: device },
    });
    expect(back.session.address).toBe(session.address);
  });
});
