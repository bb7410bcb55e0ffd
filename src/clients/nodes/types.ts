/** What the node client gives back and reports along the way. */

import { toHex } from '../../crypto/bytes.ts';
import type { SharePair } from '../../crypto/sharePair.ts';
import type { X25519KeyPair } from '../../crypto/x25519.ts';
import type { NodeFailure } from './failures.ts';

/**
 * One OpenID login: `idToken` was issued with nonce = loginNonce(session.publicKey,
 * candidate.M) (protocol/nonce.ts). Only the public half of the candidate metadata key is
 * read here.
 */
export type NodeLogin = {
  verifier: string;
  idToken: string;
  session: X25519KeyPair;
  candidate: { readonly M: string };
};

/** The login material every node request carries (formats.ts `login`). */
export const loginRequest = (p: NodeLogin) => ({
  verifier: p.verifier,
  idToken: p.idToken,
  sessionPub: toHex(p.session.publicKey),
  candidateM: p.candidate.M,
});

export type NodesProgress = { step: 'nodes'; answered: number; needed: number; total: number };
export type InstallProgress = { step: 'install'; acked: number; needed: number; total: number };

export type NetworkShare = {
  P: string;
  epoch: number;
  K: string;
  M: string;
  commitments: { F: string[]; G: string[] };
  /** (F(0), G(0)) = (f(1), g(1)), checked against F[0] and G[0]. */
  share: SharePair;
  /** The t nodes whose sub-shares were used. */
  used: number[];
  /** Nodes that answered "unknown" or an older epoch: the dealing should be relayed to them. */
  lagging: number[];
  /** Nodes still silent when t answers sufficed (their requests were aborted). */
  pending: number[];
  failures: NodeFailure[];
};
