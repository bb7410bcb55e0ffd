/** What every route and check of the metadata server is given. */
import type { NetworkConfig } from '../config/network.ts';
import type { SignedBody } from '../crypto/signature.ts';
import type { Logger } from '../server/log.ts';
import type { Metrics } from '../server/metrics.ts';
import type { RateLimiter } from '../server/rateLimit.ts';
import type { MetadataStore } from './store/contract.ts';

export type VerifyUserSignature = (publicKey: Uint8Array, body: SignedBody, signature: Uint8Array) => boolean;

export type MetadataContext = {
  network: NetworkConfig;
  /** Node index → Ed25519 public key that signs its attestations. */
  nodeKeys: ReadonlyMap<number, Uint8Array>;
  store: MetadataStore;
  /** Ed25519 key that signs receipts (public half: network.metadata.signingKey). */
  receiptSigner: CryptoKey;
  /** Per-user limiter (checks/userRate.ts, factorRate.ts): keys P (creates), `verified:P` (signed reads and writes), `factor:` (reads by factor key); undefined = unlimited. */
  userLimiter: RateLimiter | undefined;
  log: Logger;
  metrics: Metrics;
  /** Milliseconds since the Unix epoch. */
  now: () => number;
  /** ECDSA secp256k1 verification of user signatures (native OpenSSL on the server). */
  verifyUserSignature: VerifyUserSignature;
};
