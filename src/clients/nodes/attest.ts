/**
 * Asks every node for a signed attestation of whether it holds this user's record (the
 * metadata server's create-if-absent needs ≥ t with `registered: false`), which also names
 * the node's current inbox key for the user's next dealing. Each must be signed by its node
 * and bound to this node, session and candidate metadata key. Every node is awaited (a
 * dealing reaches only the nodes whose inbox it knows); succeeds at t attestations.
 */
import type { NetworkConfig } from '../../config/network.ts';
import { TrineError } from '../../errors/index.ts';
import { Attestation } from '../../protocol/formats.ts';
import { assertSignedBy, callNode, fanOut } from './call.ts';
import { NodeCallError, type NodeFailure } from './failures.ts';
import { settleAll, targetNodes } from './settleAll.ts';
import { loginRequest, type NodeLogin } from './types.ts';

export type AttestParameters = NodeLogin & {
  network: NetworkConfig;
  nodes?: readonly number[];
  signal?: AbortSignal;
  timeoutMs?: number;
};

export type AttestResult = { attestations: Attestation[]; failures: NodeFailure[] };

export async function attest(p: AttestParameters): Promise<AttestResult> {
  const request = loginRequest(p);
  const options = fanOut(p.signal, p.timeoutMs);
  const { results, failures } = await settleAll(targetNodes(p.network.nodes, p.nodes), async (node) => {
    const attestation = await callNode(node, '/v1/attest', request, Attestation, options);
    const b = attestation.body;
    if (b.node !== node.index || b.sessionPub !== request.sessionPub || b.candidateM !== request.candidateM)
      throw new NodeCallError(
        'wrong-binding',
        `node ${node.index}: attestation is for another node or login`,
      );
    await assertSignedBy(node, attestation);
    return attestation;
  });
  const t = p.network.threshold;
  if (results.length < t)
    throw new TrineError({
      code: 'not-enough-nodes',
      message: `${results.length} nodes attested; ${t} are needed`,
      details: { needed: t, failures },
    });
  return { attestations: results.map((r) => r.value), failures };
}
