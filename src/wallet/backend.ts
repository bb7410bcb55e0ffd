/**
 * What the wallet flows need from the outside world: the nodes and the metadata server.
 * `createNetworkBackend` (networkBackend.ts) implements it over HTTP with the real
 * clients; tests wrap it to drop a request at any step (crash injection).
 */
import type { NetworkConfig } from '../config/network.ts';
import type { SharePair } from '../crypto/sharePair.ts';
import type { X25519KeyPair } from '../crypto/x25519.ts';
import type { Attestation, CreateRequest, Dealing, MetadataRecord, Receipt } from '../protocol/formats.ts';
import type { Progress } from './progress.ts';

/** One OpenID login: the id token was issued with nonce = sessionNonce(session.publicKey). */
export type Login = { verifier: string; idToken: string; session: X25519KeyPair };

export type NodeFailure = { node: number; reason: string };

export type NetworkShare = {
  P: string;
  epoch: number;
  K: string;
  M: string;
  /** (f(1), g(1)), verified against the dealing's commitments. */
  share: SharePair;
  /** Nodes that answered unknown or an older epoch: the dealing must be relayed to them. */
  lagging: number[];
  /** Nodes still silent when t answers sufficed: they may have missed a dealing too. */
  pending: number[];
  failures: NodeFailure[];
};

export type InstallResult = { acks: number[]; failures: NodeFailure[] };

export type RecordState = { version: number; record: MetadataRecord; receipt: Receipt };

export interface WalletBackend {
  readonly network: NetworkConfig;
  /** Throws TrineError('user-unknown') with `details.attestations: Attestation[]` and `details.P`. */
  fetchNetworkShare(login: Login, onProgress?: (p: Progress) => void): Promise<NetworkShare>;
  /** Succeeds at ≥ t acks; throws TrineError('not-enough-nodes') otherwise. */
  installDealing(
    login: Login,
    dealing: Dealing,
    receipt: Receipt,
    authorization?: string,
    nodes?: number[],
  ): Promise<InstallResult>;
  /** Throws TrineError('already-registered') with `details.dealing` and `details.receipt`. */
  createRecord(request: CreateRequest): Promise<{ version: number; receipt: Receipt }>;
  /** Signs the read with the network share g(1). */
  readRecord(P: string, networkG: bigint): Promise<RecordState>;
  /** Throws TrineError('version-conflict') with `details.currentVersion`. */
  writeRecord(
    record: MetadataRecord,
    expectedVersion: number,
    signature: string,
  ): Promise<{ version: number; receipt: Receipt }>;
}

export type { Attestation };
