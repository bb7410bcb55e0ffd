/**
 * The dealing of a new epoch (create, or a write that starts epoch e+1) must fit the network
 * and the record: the network's threshold, shares only for nodes of the network (at least t
 * of them), every commitment a curve point, and the sub-sharing must share exactly the
 * network share (f(1), g(1)):
 *   F[0] = f(1)·G = k·G + a₁·G = K + A1,    G[0] = g(1)·G = M + B1.
 * (The schema already ties dealing.tss / dealing.meta to the record's K, A1, M, B1.)
 * The server cannot open the sub-shares; each node checks its own against the commitments.
 */

import type { NetworkConfig } from '../../config/network.ts';
import { fromHex } from '../../crypto/bytes.ts';
import { decodeCommitments } from '../../crypto/feldman.ts';
import { pointFromBytes } from '../../crypto/scalar.ts';
import { TrineError } from '../../errors/index.ts';
import type { Dealing } from '../../protocol/formats.ts';

const mismatch = (message: string, field: string) =>
  new TrineError({ code: 'commitment-mismatch', message, details: { field } });

function points(hexes: readonly string[], field: string) {
  try {
    return decodeCommitments(hexes.map((h) => fromHex(h, 33, field)));
  } catch {
    throw mismatch(`${field}: not all commitments are secp256k1 points`, field);
  }
}

function point(hex: string, field: string) {
  try {
    return pointFromBytes(fromHex(hex, 33, field), field);
  } catch {
    throw mismatch(`${field}: not a secp256k1 point`, field);
  }
}

export function checkDealing(network: NetworkConfig, dealing: Dealing): void {
  if (dealing.threshold !== network.threshold)
    throw new TrineError({
      code: 'invalid-input',
      message: `dealing threshold ${dealing.threshold} is not the network's ${network.threshold}`,
      details: { field: 'record.dealing.threshold' },
    });
  const nodes = new Set(network.nodes.map((n) => n.index));
  const stranger = dealing.shares.find((s) => !nodes.has(s.node));
  if (stranger)
    throw new TrineError({
      code: 'invalid-input',
      message: `dealing has a share for node ${stranger.node}, which is not in the network`,
      details: { field: 'record.dealing.shares' },
    });
  if (dealing.shares.length < network.threshold)
    throw new TrineError({
      code: 'invalid-input',
      message: `dealing has shares for ${dealing.shares.length} nodes; at least ${network.threshold} needed`,
      details: { field: 'record.dealing.shares' },
    });
  const F = points(dealing.commitments.F, 'record.dealing.commitments.F');
  const G = points(dealing.commitments.G, 'record.dealing.commitments.G');
  const K = point(dealing.tss.K, 'record.tss.K');
  const A1 = point(dealing.tss.A1, 'record.tss.A1');
  const M = point(dealing.meta.M, 'record.meta.M');
  const B1 = point(dealing.meta.B1, 'record.meta.B1');
  if (!F[0]!.equals(K.add(A1)))
    throw mismatch('dealing F[0] is not K + A1: it does not share f(1)', 'record.dealing.commitments.F');
  if (!G[0]!.equals(M.add(B1)))
    throw mismatch('dealing G[0] is not M + B1: it does not share g(1)', 'record.dealing.commitments.G');
}
