/**
 * A dealing: the network share (f(1), g(1)) of one epoch split among the nodes with
 * Feldman VSS of threshold t: F(0) = f(1), G(0) = g(1), node j receives (F(j), G(j)) sealed
 * to the one-time inbox key it attested for P (never to a long-lived key: once a node
 * installs the dealing it deletes that inbox, so a kept copy of the dealing opens for no
 * one afterwards). Its commitments satisfy F[0] = K + A₁ and G[0] = M + B₁, which is how
 * nodes and clients tie it to the wallet. Nodes whose inbox is unknown (no attestation)
 * get no part; at least t must.
 */

import type { NetworkConfig } from '../config/network.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { commit } from '../crypto/feldman.ts';
import { drawPolynomial, evaluate } from '../crypto/shamir.ts';
import { encodeSharePair } from '../crypto/sharePair.ts';
import { x25519Seal } from '../crypto/x25519.ts';
import { TrineError } from '../errors/index.ts';
import type { Attestation, Dealing } from '../protocol/formats.ts';
import { dealingSlot } from '../protocol/slots.ts';
import { commitmentsOf, type KeyMaterial, shareAt } from './material.ts';

export async function buildDealing(
  network: NetworkConfig,
  P: string,
  epoch: number,
  material: KeyMaterial,
  attestations: readonly Attestation[],
): Promise<Dealing> {
  const inboxes = new Map(attestations.filter((a) => a.body.P === P).map((a) => [a.body.node, a.body.inbox]));
  const recipients = network.nodes.filter((node) => inboxes.has(node.index));
  if (recipients.length < network.threshold)
    throw new TrineError({
      code: 'not-enough-nodes',
      message: `only ${recipients.length} nodes handed out an inbox key; a dealing needs ${network.threshold}`,
      details: { needed: network.threshold, total: network.nodes.length, usable: recipients.length },
    });
  const net = shareAt(material, 1);
  const F = drawPolynomial(net.f, network.threshold);
  const G = drawPolynomial(net.g, network.threshold);
  const c = commitmentsOf(material);
  const shares = await Promise.all(
    recipients.map(async (node) => {
      const inbox = inboxes.get(node.index)!;
      const pair = encodeSharePair({ f: evaluate(F, node.index), g: evaluate(G, node.index) });
      const sealed = await x25519Seal(
        fromHex(inbox, 32, 'inbox'),
        pair,
        dealingSlot(P, epoch, node.index, inbox),
      );
      pair.fill(0);
      return { node: node.index, inbox, sealed: toHex(sealed) };
    }),
  );
  return {
    kind: 'dealing',
    v: 1,
    P,
    epoch,
    threshold: network.threshold,
    tss: { K: c.K, A1: c.A1 },
    meta: { M: c.M, B1: c.B1 },
    commitments: { F: commit(F).map(toHex), G: commit(G).map(toHex) },
    shares,
  };
}
