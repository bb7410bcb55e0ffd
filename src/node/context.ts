/** What every route and check of a node is given. Built once at start-up (`start.ts`). */
import type { NetworkConfig, NodeEntry } from '../config/network.ts';
import type { X25519KeyPair } from '../crypto/x25519.ts';
import type { Logger } from '../server/log.ts';
import type { Metrics } from '../server/metrics.ts';
import type { IdTokenVerifier } from './checks/verifyIdToken.ts';
import type { LoginLimiter } from './loginLimiter.ts';
import type { NodeStore } from './store/contract.ts';

export type NodeContext = {
  network: NetworkConfig;
  /** This node's public entry in network.json. */
  self: NodeEntry;
  /** Ed25519 key signing every answer (public half: self.signingKey). */
  signer: CryptoKey;
  /** X25519 key that dealings are sealed to (public half: self.encryptionKey). */
  encryption: X25519KeyPair;
  /** AEAD key of records at rest (derived from the storage key). */
  recordKey: Uint8Array;
  networkSalt: Uint8Array;
  /** Ed25519 key of the metadata server: receipts. */
  metadataKey: Uint8Array;
  store: NodeStore;
  verifyIdToken: IdTokenVerifier;
  /** Per-token and per-identity (fresh logins) budgets; the per-address one sits in the HTTP kit. */
  loginLimiter: LoginLimiter;
  log: Logger;
  metrics: Metrics;
  /** Milliseconds since the Unix epoch. */
  now: () => number;
};
