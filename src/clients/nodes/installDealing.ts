/**
 * Gives each node its part of a dealing, with the metadata server's receipt (and, to
 * replace an epoch, the authorization signed by m). All targets are called in parallel
 * and every answer is awaited: each ack must be signed by its node and name this P, epoch
 * and dealing hash. Succeeds at `required` acks (t by default, or all targets when fewer
 * are given, e.g. relaying to lagging nodes); otherwise `not-enough-nodes` with the failures.
 *
 * @example
 * const { acks } = await installDealing({ network, verifier, idToken, session, dealing, receipt });
 */
import type { NetworkConfig } from '../../config/network.ts';
import { TrineError } from '../../errors/index.ts';
import { type Creation, type Dealing, InstallAck, type Receipt } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';
import { assertSignedBy, callNode, fanOut } from './call.ts';
import { NodeCallError, type NodeFailure } from './failures.ts';
import { settleAll, targetNodes } from './settleAll.ts';
import { type InstallProgress, loginRequest, type NodeLogin } from './types.ts';

export type InstallDealingParameters = NodeLogin & {
  network: NetworkConfig;
  dealing: Dealing;
  receipt: Receipt;
  /** ECDSA by m over { kind:'dealing-authorization', P, epoch, dealingHash } (hex). */
  authorization?: string;
  /** The record's creation proof: a node that holds nothing for P yet requires it. */
  creation?: Creation;
  /** Only these node indices (default: all). */
  nodes?: readonly number[];
  /** Acks needed for success (default: min(t, number of targets)). */
  required?: number;
  onProgress?: (progress: InstallProgress) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
};

export type InstallDealingResult = { acks: number[]; signed: InstallAck[]; failures: NodeFailure[] };

export async function installDealing(p: InstallDealingParameters): Promise<InstallDealingResult> {
  const targets = targetNodes(p.network.nodes, p.nodes);
  const required = p.required ?? Math.min(p.network.threshold, targets.length);
  const hash = dealingHash(p.dealing);
  const request = {
    ...loginRequest(p),
    dealing: p.dealing,
    receipt: p.receipt,
    ...(p.authorization ? { authorization: p.authorization } : {}),
    ...(p.creation ? { creation: p.creation } : {}),
  };
  const options = fanOut(p.signal, p.timeoutMs);
  const total = targets.length;
  const { results, failures } = await settleAll(
    targets,
    async (node) => {
      const ack = await callNode(node, '/v1/install', request, InstallAck, options);
      const b = ack.body;
      if (
        b.node !== node.index ||
        b.P !== p.dealing.P ||
        b.epoch !== p.dealing.epoch ||
        b.dealingHash !== hash
      )
        throw new NodeCallError('wrong-binding', `node ${node.index}: ack is for another node or dealing`);
      await assertSignedBy(node, ack);
      return ack;
    },
    (acked) => p.onProgress?.({ step: 'install', acked, needed: required, total }),
  );
  if (results.length < required)
    throw new TrineError({
      code: 'not-enough-nodes',
      message: `the dealing was installed on ${results.length} nodes; ${required} are needed`,
      details: { needed: required, acks: results.map((r) => r.node), failures },
    });
  return { acks: results.map((r) => r.node), signed: results.map((r) => r.value), failures };
}
