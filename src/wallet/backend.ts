/**
 * What the wallet flows need from the outside world: the nodes and the metadata server.
 * `createNetworkBackend` (networkBackend.ts) implements it over HTTP with the real
 * clients; tests wrap it to drop a request at any step (crash injection).
 */
import type { NetworkConfig } from '../config/network.ts';
import type { SharePair } from '../crypto/sharePair.ts';
import type { X25519KeyPair } from '../crypto/x25519.ts';
import type {
  Attestation,
  CreateRequest,
  Creation,
  Dealing,
  MetadataRecord,
  Receipt,
} from '../protocol/formats.ts';
import type { Progress } from './progress.ts';

/**
 * The metadata key a login would register with: drawn fresh for every login (loginKeys.ts),
 * its public M bound into the id token's nonce. Used only if the user turns out to be new;
 * memory only, like the session key.
 */
export type CandidateKey = { readonly m: bigint; readonly M: string };

/** One OpenID login: the id token was issued with nonce = loginNonce(session.publicKey, candidate.M). */
export type Login = { verifier: string; idToken: string; session: X25519KeyPair; candidate: CandidateKey };

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

/** Fresh attestations of every reachable node: whether it holds P, and its inbox for P's next dealing. */
export type AttestResult = { attestations: Attestation[]; failures: NodeFailure[] };

export type RecordState = { version: number; record: MetadataRecord; receipt: Receipt };

export interface WalletBackend {
  readonly network: NetworkConfig;
  /** Throws TrineError('user-unknown') with `details.attestations: Attestation[]` and `details.P`. */
  fetchNetworkShare(login: Login, onProgress?: (p: Progress) => void): Promise<NetworkShare>;
  /** Every node's attestation for this login (≥ t, else not-enough-nodes). */
  attest(login: Login): Promise<AttestResult>;
  /** Succeeds at ≥ t acks; throws TrineError('not-enough-nodes') otherwise. */
  installDealing(
    login: Login,
    dealing: Dealing,
    receipt: Receipt,
    proof: InstallProof,
    nodes?: number[],
  ): Promise<InstallResult>;
  /** Throws TrineError('already-registered') with `details.dealing`, `details.receipt`, `details.creation`. */
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

/** What an install carries besides the dealing: m's authorization of it, and the record's creation proof. */
export type InstallProof = { authorization: string; creation: Creation };

export type { Attestation };
