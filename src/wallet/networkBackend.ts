/**
 * The WalletBackend over the real network: the node client fans out to every node, the
 * metadata client talks to the metadata server. Runs unchanged in the service worker.
 */
import { createRecord, readRecord, writeRecord } from '../clients/metadata/index.ts';
import { attest, fetchNetworkShare, installDealing } from '../clients/nodes/index.ts';
import type { NetworkConfig } from '../config/network.ts';
import type { WalletBackend } from './backend.ts';

export type NetworkBackendOptions = {
  /** Per-request timeout for node and metadata calls (ms). */
  timeoutMs?: number;
};

export function createNetworkBackend(
  network: NetworkConfig,
  { timeoutMs = 10_000 }: NetworkBackendOptions = {},
): WalletBackend {
  return {
    network,
    async fetchNetworkShare(login, onProgress) {
      const share = await fetchNetworkShare({
        network,
        ...login,
        timeoutMs,
        ...(onProgress ? { onProgress } : {}),
      });
      return {
        P: share.P,
        epoch: share.epoch,
        K: share.K,
        M: share.M,
        share: share.share,
        lagging: share.lagging,
        pending: share.pending,
        failures: share.failures.map((f) => ({ node: f.node, reason: `${f.reason}: ${f.message}` })),
      };
    },
    async attest(login) {
      const result = await attest({ network, ...login, timeoutMs });
      return {
        attestations: result.attestations,
        failures: result.failures.map((f) => ({ node: f.node, reason: `${f.reason}: ${f.message}` })),
      };
    },
    async installDealing(login, dealing, receipt, proof, nodes) {
      const result = await installDealing({
        network,
        ...login,
        dealing,
        receipt,
        timeoutMs,
        authorization: proof.authorization,
        creation: proof.creation,
        ...(nodes ? { nodes, required: 0 } : {}),
      });
      return {
        acks: result.acks,
        failures: result.failures.map((f) => ({ node: f.node, reason: `${f.reason}: ${f.message}` })),
      };
    },
    createRecord: (request) => createRecord(network.metadata, request, { timeoutMs }),
    readRecord: (P, networkG) => readRecord(network.metadata, P, networkG, { timeoutMs }),
    writeRecord: (record, expectedVersion, signature) =>
      writeRecord(network.metadata, record, expectedVersion, signature, { timeoutMs }),
  };
}
