/**
 * Asks every node for a signed attestation of whether it holds this user's record
 * (the metadata server's create-if-absent needs ≥ t with `registered: false`). Each must be
 * signed by its node and bound to this node and session. Succeeds at t attestations.
 */
import type { NetworkConfig } from '../../config/network.ts';
import { toHex } from '../../crypto/bytes.ts';
import { TrineError } from '../../errors/index.ts';
import { Attestation } from '../../protocol/formats.ts';
import { assertSignedBy, callNode, fanOut } from './call.ts';
import { NodeCallError, type NodeFailure } from './failures.ts';
import { settleAll, targetNodes } from './settleAll.ts';
import type { NodeLogin } from './types.ts';

export type AttestParameters = NodeLogin & {
  network: NetworkConfig;
  nodes?: readonly number[];
  signal?: AbortSignal;
  timeoutMs?: number;
};

export type AttestResult = { attestations: Attestation[]; failures: NodeFailure[] };

export async function attest(p: AttestParameters): Promise<AttestResult> {
  const sessionPub = toHex(p.session.publicKey);
  const request = { verifier: p.verifier, idToken: p.idToken, sessionPub };
  const options = fanOut(p.signal, p.timeoutMs);
  const { results, failures } = await settleAll(targetNodes(p.network.nodes, p.nodes), async (node) => {
    const attestation = await callNode(node, '/v1/attest', request, Attestation, options);
    if (attestation.body.node !== node.index || attestation.body.sessionPub !== sessionPub)
      throw new NodeCallError(
        'wrong-binding',
        `node ${node.index}: attestation is for another node or session`,
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
