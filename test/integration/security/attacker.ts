/**
 * What an attacker who takes a node's disk and secrets can do with them, done for real on
 * the files a running node keeps (`<dir>/node-<j>.sqlite`, `<dir>/node-<j>.secrets.json`):
 * open every stored record and inbox key with the storage key, try every key it has on
 * every sub-share of a dealing, and interpolate what opens. Read-only: the node keeps
 * running beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { x25519 } from '@noble/curves/ed25519.js';
import Database from 'better-sqlite3';
import { nodeSecretsPath } from '../../../src/config/init-network.ts';
import { aeadOpen } from '../../../src/crypto/aead.ts';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { interpolateAtZero } from '../../../src/crypto/shamir.ts';
import { decodeSharePair, type SharePair } from '../../../src/crypto/sharePair.ts';
import { importX25519Private, x25519Open } from '../../../src/crypto/x25519.ts';
import type { NodeRecord } from '../../../src/node/record.ts';
import { openRecord, recordKey } from '../../../src/node/record.ts';
import type { Dealing } from '../../../src/protocol/formats.ts';
import { dealingSlot, nodeInboxSlot } from '../../../src/protocol/slots.ts';

export type StolenNode = {
  index: number;
  /** The long-lived X25519 key from the node's secrets file. */
  encryptionKey: Uint8Array;
  /** Every record on disk, opened: P → record (with the node's sub-shares). */
  records: Map<string, NodeRecord>;
  /** Every inbox key on disk, opened: its private half (32 bytes). */
  inboxKeys: Uint8Array[];
};

export const nodeDbFiles = (dir: string, j: number) =>
  ['', '-wal', '-shm'].map((suffix) => join(dir, `node-${j}.sqlite${suffix}`));

export function stealNode(dir: string, j: number): StolenNode {
  const secrets = JSON.parse(readFileSync(nodeSecretsPath(dir, j), 'utf8')) as {
    storageKey: string;
    encryptionKey: string;
  };
  const key = recordKey(fromHex(secrets.storageKey, 32));
  const db = new Database(join(dir, `node-${j}.sqlite`), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT p, sealed FROM node_records').all() as { p: string; sealed: Buffer }[];
    const inboxes = db.prepare('SELECT p, pub, sealed FROM node_inboxes').all() as {
      p: string;
      pub: string;
      sealed: Buffer;
    }[];
    return {
      index: j,
      encryptionKey: fromHex(secrets.encryptionKey, 32),
      records: new Map(rows.map((r) => [r.p, openRecord(key, r.p, new Uint8Array(r.sealed))])),
      inboxKeys: inboxes.map((r) => aeadOpen(key, new Uint8Array(r.sealed), nodeInboxSlot(r.p, r.pub))),
    };
  } finally {
    db.close();
  }
}

/** The sub-shares of `dealing` that any key of the stolen nodes opens (node index → pair). */
export async function openDealing(
  dealing: Dealing,
  nodes: readonly StolenNode[],
): Promise<Map<number, SharePair>> {
  const opened = new Map<number, SharePair>();
  for (const share of dealing.shares) {
    const node = nodes.find((n) => n.index === share.node);
    if (!node) continue;
    for (const secret of [node.encryptionKey, ...node.inboxKeys]) {
      const publicKey = x25519.getPublicKey(secret);
      const recipient = { privateKey: await importX25519Private(secret, publicKey), publicKey };
      try {
        const plain = await x25519Open(
          recipient,
          fromHex(share.sealed),
          dealingSlot(dealing.P, dealing.epoch, share.node, toHex(publicKey)),
        );
        opened.set(share.node, decodeSharePair(plain));
        break;
      } catch {
        // not this key
      }
    }
  }
  return opened;
}

/** (F(0), G(0)) from ≥ t sub-shares: the network share (f(1), g(1)). */
export function interpolate(subShares: ReadonlyMap<number, SharePair>): SharePair {
  const points = [...subShares];
  return {
    f: interpolateAtZero(points.map(([index, pair]) => ({ index, value: pair.f }))),
    g: interpolateAtZero(points.map(([index, pair]) => ({ index, value: pair.g }))),
  };
}

/** Every node's stored sub-shares for P, as the stolen disks give them. */
export function storedSubShares(nodes: readonly StolenNode[], P: string): Map<number, SharePair> {
  const out = new Map<number, SharePair>();
  for (const node of nodes) {
    const record = node.records.get(P);
    if (record) out.set(node.index, decodeSharePair(fromHex(record.share, 64)));
  }
  return out;
}

/** Whether `needle` appears anywhere in the node's database files (main, WAL, shared memory). */
export function onDisk(dir: string, j: number, needle: Uint8Array): boolean {
  const probe = Buffer.from(needle);
  return nodeDbFiles(dir, j).some((file) => {
    try {
      return readFileSync(file).includes(probe);
    } catch {
      return false; // no such file (e.g. the WAL after a truncating checkpoint)
    }
  });
}
