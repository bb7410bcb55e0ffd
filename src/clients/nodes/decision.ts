/**
 * The t-of-N decision of a login, as a pure function of what each node has said so far
 * (fetchNetworkShare.ts is the driver: it asks again after every answer and after every
 * verification). The verdict depends only on the set of node states, never on the order
 * they arrived in or are listed in:
 *
 *   combine      a group of ≥ t agreeing answers not (yet) proven bad: the largest, ties
 *                to the group holding the lowest node index; its t lowest node indices
 *   wait         t agreeing answers, or t "unknown", are still possible with the silent nodes,
 *                or the silent nodes could still change which failure it is
 *   user-unknown ≥ t nodes do not know this user
 *   token-*      more than N − t nodes refused the token: expired if most of those said so
 *   not-enough-nodes  anything else
 *
 * `usable` counts the nodes that could still be used: the largest agreeing group (or the
 * "unknown" answers) plus the nodes not heard from. A silent node is not a failure, and a
 * node that answered well is a failure only when its answer disagrees with the best group.
 *
 * @example
 * const d = decideShare([{ node: 1, kind: 'failed', failure }, { node: 2, kind: 'silent' }, …], 3);
 * if (d.kind === 'combine') verify(d.nodes);
 */
import { TrineError } from '../../errors/index.ts';
import type { Attestation } from '../../protocol/formats.ts';
import type { NodeFailure } from './failures.ts';

export type NodeState =
  /** Not heard from yet. */
  | { node: number; kind: 'silent' }
  /** Answered with sub-shares, not proven bad; `group` names what it agrees on (P, epoch, commitments). */
  | { node: number; kind: 'good'; group: string }
  /** Answered, signed, that it does not know this user. */
  | { node: number; kind: 'unknown' }
  /** Answered sub-shares that were proven wrong (signature, opening, commitments). */
  | { node: number; kind: 'bad'; failure: NodeFailure }
  /** The call failed: unreachable, refused, malformed. */
  | { node: number; kind: 'failed'; failure: NodeFailure };

export type ShareDecision =
  | { kind: 'wait' }
  | { kind: 'combine'; group: string; nodes: number[] }
  | { kind: 'user-unknown'; nodes: number[]; total: number; failures: NodeFailure[] }
  | { kind: 'token-expired' | 'token-rejected'; failures: NodeFailure[] }
  | { kind: 'not-enough-nodes'; usable: number; needed: number; total: number; failures: NodeFailure[] };

export type ShareFailure = Exclude<ShareDecision, { kind: 'wait' | 'combine' }>;

/** What one login's node states decide, with t = `threshold`. */
export function decideShare(states: readonly NodeState[], threshold: number): ShareDecision {
  const t = threshold;
  const total = states.length;
  const sorted = [...states].sort((a, b) => a.node - b.node);
  const silent = sorted.filter((s) => s.kind === 'silent').length;
  const unknown = sorted.filter((s) => s.kind === 'unknown').map((s) => s.node);
  const best = bestGroup(sorted);
  const agreeing = best?.nodes.length ?? 0;

  if (best !== undefined && agreeing >= t)
    return { kind: 'combine', group: best.group, nodes: best.nodes.slice(0, t) };
  if (agreeing + silent >= t) return { kind: 'wait' }; // t agreeing answers are still possible
  if (unknown.length < t && unknown.length + silent >= t) return { kind: 'wait' }; // t "unknown" still possible

  const failures = failuresOf(sorted, best?.group);
  if (unknown.length >= t) return { kind: 'user-unknown', nodes: unknown, total, failures };

  const refused = sorted.filter(isTokenFailure);
  const expired = refused.filter((s) => s.failure.reason === 'token-expired').length;
  const tokenVerdict = refused.length > total - t; // too many refusals for t to remain
  if (silent > 0) {
    // A silent node could still turn this into (or out of) a token error: not decided yet.
    if (!tokenVerdict && refused.length + silent > total - t) return { kind: 'wait' };
    const expiredSure = expired * 2 > refused.length + silent;
    const rejectedSure = (expired + silent) * 2 <= refused.length + silent;
    if (tokenVerdict && !expiredSure && !rejectedSure) return { kind: 'wait' };
  }
  if (tokenVerdict)
    return { kind: expired * 2 > refused.length ? 'token-expired' : 'token-rejected', failures };
  const usable = Math.max(agreeing, unknown.length) + silent;
  return { kind: 'not-enough-nodes', usable, needed: t, total, failures };
}

/** The error a failed decision is reported as; `unknown` gives user-unknown its P and attestations. */
export function shareFailureError(
  d: ShareFailure,
  unknown: { P: string; attestations: Attestation[] } | undefined,
): TrineError {
  switch (d.kind) {
    case 'user-unknown':
      return new TrineError({
        code: 'user-unknown',
        message: `${d.nodes.length} of ${d.total} nodes do not know this user`,
        details: { P: unknown?.P, attestations: unknown?.attestations ?? [], failures: d.failures },
      });
    case 'token-expired':
      return new TrineError({
        code: 'token-expired',
        message: 'the login has expired: log in again',
        details: { failures: d.failures },
      });
    case 'token-rejected': {
      const first = d.failures.find((f) => f.reason === 'token-rejected') ?? d.failures[0];
      return new TrineError({
        code: 'token-rejected',
        message: `the nodes refused the login: ${first?.message ?? 'token rejected'}`,
        details: { failures: d.failures },
      });
    }
    case 'not-enough-nodes': {
      const { usable, needed, total, failures } = d;
      return new TrineError({
        code: 'not-enough-nodes',
        message: `only ${usable} of ${total} nodes could be used and ${needed} are needed (${total - usable} failed, disagreed or could not be reached)`,
        details: { needed, total, usable, failures },
      });
    }
  }
}

/** The largest group of agreeing answers; ties go to the group with the lowest node index. */
function bestGroup(sorted: readonly NodeState[]): { group: string; nodes: number[] } | undefined {
  const groups = new Map<string, number[]>();
  for (const s of sorted)
    if (s.kind === 'good') groups.set(s.group, [...(groups.get(s.group) ?? []), s.node]);
  let best: { group: string; nodes: number[] } | undefined;
  // Map order is first appearance in node order: a strict '>' keeps the lowest index on ties.
  for (const [group, nodes] of groups)
    if (best === undefined || nodes.length > best.nodes.length) best = { group, nodes };
  return best;
}

/** Every node that failed or was proven bad, and every good answer outside the best group. */
function failuresOf(sorted: readonly NodeState[], bestGroupKey: string | undefined): NodeFailure[] {
  const failures: NodeFailure[] = [];
  for (const s of sorted) {
    if (s.kind === 'bad' || s.kind === 'failed') failures.push(s.failure);
    else if (s.kind === 'good' && s.group !== bestGroupKey)
      failures.push({
        node: s.node,
        reason: 'disagrees',
        message: `node ${s.node}: too few nodes agree with its answer`,
      });
  }
  return failures;
}

function isTokenFailure(s: NodeState): s is Extract<NodeState, { failure: NodeFailure }> {
  return (
    (s.kind === 'bad' || s.kind === 'failed') &&
    (s.failure.reason === 'token-rejected' || s.failure.reason === 'token-expired')
  );
}
