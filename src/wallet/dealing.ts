/**
 * A dealing: the network share (f(1), g(1)) of one epoch split among the N nodes with
 * Feldman VSS of threshold t: F(0) = f(1), G(0) = g(1), node j receives (F(j), G(j)) sealed
 * to its X25519 encryption key. Its commitments satisfy F[0] = K + A₁ and G[0] = M + B₁,
 * which is how nodes and clients tie it to the wallet.
 */

import type { NetworkConfig } from '../config/network.ts';
import { fromHex, toHex } from '../crypto/bytes.ts';
import { commit } from '../crypto/feldman.ts';
import { drawPolynomial, evaluate } from '../crypto/shamir.ts';
import { encodeSharePair } from '../crypto/sharePair.ts';
import { x25519Seal } from '../crypto/x25519.ts';
import type { Dealing } from '../protocol/formats.ts';
import { dealingSlot } from '../protocol/slots.ts';
import { commitmentsOf, type KeyMaterial, shareAt } from './material.ts';

export async function buildDealing(
  network: NetworkConfig,
  P: string,
  epoch: number,
  material: KeyMaterial,
): Promise<Dealing> {
  const net = shareAt(material, 1);
  const F = drawPolynomial(net.f, network.threshold);
  const G = drawPolynomial(net.g, network.threshold);
  const c = commitmentsOf(material);
  const shares = await Promise.all(
    network.nodes.map(async (node) => {
      const pair = encodeSharePair({ f: evaluate(F, node.index), g: evaluate(G, node.index) });
      const sealed = await x25519Seal(
        fromHex(node.encryptionKey, 32, 'encryptionKey'),
        pair,
        dealingSlot(P, epoch, node.index, node.encryptionKey),
      );
      pair.fill(0);
      return { node: node.index, sealed: toHex(sealed) };
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
