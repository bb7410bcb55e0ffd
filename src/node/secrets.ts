/**
 * The node's secrets: read from `--secrets <file>` or the TRINE_NODE_SECRETS environment
 * variable (the JSON itself), validated, and checked against the node's public entry in
 * network.json, so a node started with another node's or a stale key stops at once with
 * a message naming the problem (never the secret).
 */
import { readFileSync } from 'node:fs';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import type { NetworkConfig, NodeEntry } from '../config/network.ts';
import { NodeSecrets } from '../config/network.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { importEd25519Signer } from '../crypto/signature.ts';
import { importX25519Private, type X25519KeyPair } from '../crypto/x25519.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import { parse } from '../protocol/parse.ts';
import { recordKey } from './record.ts';

export type NodeKeys = {
  self: NodeEntry;
  signer: CryptoKey;
  encryption: X25519KeyPair;
  recordKey: Uint8Array;
  networkSalt: Uint8Array;
};

const fail = (message: string) => new TrineError({ code: 'invalid-input', message });

/** The secrets JSON from a file, or from the environment when no file is given. */
export function readNodeSecrets(file: string | undefined, env = process.env.TRINE_NODE_SECRETS): NodeSecrets {
  let text: string;
  let where: string;
  if (file) {
    where = file;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw fail(`cannot read the node secrets file ${file}`);
    }
  } else if (env) {
    where = 'TRINE_NODE_SECRETS';
    text = env;
  } else {
    throw fail('no node secrets: pass --secrets <file> or set TRINE_NODE_SECRETS');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail(`${where} is not valid JSON`);
  }
  try {
    return parse(NodeSecrets, json, 'node secrets');
  } catch (error) {
    throw fail(`${where} is invalid: ${isTrineError(error) ? error.message : 'unreadable'}`);
  }
}

/** Imports the keys and checks that they are the ones network.json publishes for this node. */
export async function loadNodeKeys(secrets: NodeSecrets, network: NetworkConfig): Promise<NodeKeys> {
  const self = network.nodes.find((n) => n.index === secrets.index);
  if (!self) throw fail(`network.json has no node ${secrets.index}`);
  const signingSeed = fromHex(secrets.signingKey, 32);
  const encryptionSecret = fromHex(secrets.encryptionKey, 32);
  if (toHex(ed25519.getPublicKey(signingSeed)) !== self.signingKey)
    throw fail(`the signing key does not match node ${self.index}'s signingKey in network.json`);
  const encryptionPub = x25519.getPublicKey(encryptionSecret);
  if (toHex(encryptionPub) !== self.encryptionKey)
    throw fail(`the encryption key does not match node ${self.index}'s encryptionKey in network.json`);
  const keys: NodeKeys = {
    self,
    signer: await importEd25519Signer(signingSeed, fromHex(self.signingKey, 32)),
    encryption: {
      privateKey: await importX25519Private(encryptionSecret, encryptionPub),
      publicKey: encryptionPub,
    },
    recordKey: recordKey(fromHex(secrets.storageKey, 32)),
    networkSalt: fromHex(secrets.networkSalt, 32),
  };
  signingSeed.fill(0);
  encryptionSecret.fill(0);
  return keys;
}
