/**
 * Login, step 1 (PROTOCOL.md, flows): ask all N nodes at once for their sub-shares and
 * rebuild the network share (f(1), g(1)) from the first t answers that
 *   - are signed by the node's key from network.json and bound to this node and sessionPub,
 *   - agree on (P, epoch, K, M, commitments),
 *   - open (sealed to the session key, slot shareSlot) and interpolate to F[0], G[0].
 * Work is lazy: a signature is checked and a sub-share opened only when its group can
 * reach t, so a login at N = 18, t = 10 costs t verifications and t openings, not N. On a
 * mismatch every sub-share of the group is checked against the commitments, the bad nodes
 * are named, and more answers are awaited. Once done, the other requests are aborted.
 * Whether to wait, combine or fail is decision.ts's pure verdict over the node states.
 *
 * Errors: `user-unknown` (≥ t signed "unknown" answers; details.attestations, details.P),
 * `token-rejected` / `token-expired` (too many nodes refused the token to reach t),
 * `not-enough-nodes` (details.failures says which node failed and why).
 *
 * @example
 * const session = await generateX25519();
 * const share = await fetchNetworkShare({ network, verifier: 'trine-dev', idToken, session });
 */
import * as v from 'valibot';
import type { NetworkConfig, NodeEntry } from '../../config/network.ts';
import { fromHex, toHex } from '../../crypto/bytes.ts';
import { decodeSharePair, type SharePair } from '../../crypto/sharePair.ts';
import { x25519Open } from '../../crypto/x25519.ts';
import { type Attestation, type NodeShareOk, ShareResponse } from '../../protocol/formats.ts';
import { shareSlot } from '../../protocol/slots.ts';
import { assertSignedBy, callNode, fanOut } from './call.ts';
import { badSubShares, combineSubShares } from './combine.ts';
import { decideShare, type NodeState, shareFailureError } from './decision.ts';
import { failureOf, NodeCallError, type NodeFailure } from './failures.ts';
import { loginRequest, type NetworkShare, type NodeLogin, type NodesProgress } from './types.ts';

export type FetchNetworkShareParameters = NodeLogin & {
  network: NetworkConfig;
  onProgress?: (progress: NodesProgress) => void;
  signal?: AbortSignal;
  /** Per-node request timeout (ms). */
  timeoutMs?: number;
};

type Candidate = {
  node: NodeEntry;
  /** The answer as received; validated (schema, signature) only when it is needed. */
  raw: unknown;
  answer?: { body: NodeShareOk; sig: string };
  state: 'new' | 'good' | 'bad';
  pair?: SharePair;
};

/** Just enough structure to sort an answer: the full schema is checked lazily (it costs). */
const Envelope = v.looseObject({
  answer: v.looseObject({
    body: v.looseObject({ status: v.picklist(['ok', 'unknown']), node: v.number(), sessionPub: v.string() }),
  }),
});

/** The fields t answers must agree on, as one string (hex fields cannot contain '|'). */
type Agreed = {
  P: unknown;
  epoch: unknown;
  tss: { K: unknown };
  meta: { M: unknown };
  commitments: { F: unknown[]; G: unknown[] };
};
function agreementKey(raw: unknown): string {
  const body = raw as Agreed; // a missing field throws TypeError: the caller reports a malformed answer
  const c = body.commitments;
  return [body.P, body.epoch, body.tss.K, body.meta.M, c.F.join(','), c.G.join(',')].map(String).join('|');
}
type Unknown = { node: NodeEntry; attestation: Attestation };

export function fetchNetworkShare(p: FetchNetworkShareParameters): Promise<NetworkShare> {
  const { network } = p;
  const t = network.threshold;
  const sessionPub = toHex(p.session.publicKey);
  const controller = new AbortController();
  const groups = new Map<string, Candidate[]>();
  const unknowns: Unknown[] = [];
  const failures: NodeFailure[] = [];
  const outstanding = new Set(network.nodes.map((n) => n.index));
  let okAnswers = 0;
  let finished = false;

  return new Promise<NetworkShare>((resolve, reject) => {
    const finish = (outcome: { share: NetworkShare } | { error: unknown }) => {
      if (finished) return;
      finished = true;
      controller.abort();
      p.signal?.removeEventListener('abort', onAbort);
      if ('share' in outcome) resolve(outcome.share);
      else reject(outcome.error);
    };
    const onAbort = () => finish({ error: p.signal?.reason ?? new Error('aborted') });
    if (p.signal?.aborted) return onAbort();
    p.signal?.addEventListener('abort', onAbort);

    // Decisions run one at a time, in arrival order.
    let queue = Promise.resolve();
    const schedule = () => {
      queue = queue.then(decide).catch((error: unknown) => finish({ error }));
    };

    /** The node states the decision (decision.ts) reads: who is silent, agrees, failed. */
    const nodeStates = (): NodeState[] =>
      network.nodes.map(({ index: node }): NodeState => {
        if (outstanding.has(node)) return { node, kind: 'silent' };
        if (unknowns.some((u) => u.node.index === node)) return { node, kind: 'unknown' };
        const failure = failures.find((f) => f.node === node) ?? {
          node,
          reason: 'bad-answer' as const,
          message: `node ${node}: no usable answer`,
        };
        for (const [group, candidates] of groups) {
          const c = candidates.find((c) => c.node.index === node);
          if (c !== undefined)
            return c.state === 'bad' ? { node, kind: 'bad', failure } : { node, kind: 'good', group };
        }
        return { node, kind: 'failed', failure };
      });

    const decide = async () => {
      while (!finished) {
        const decision = decideShare(nodeStates(), t);
        if (decision.kind === 'wait') return;
        if (decision.kind !== 'combine') {
          const attestations = decision.kind === 'user-unknown' ? unknownAttestations(decision.nodes) : [];
          const P = attestations[0]?.body.P;
          return finish({
            error: shareFailureError(decision, P === undefined ? undefined : { P, attestations }),
          });
        }
        const share = await tryGroup(decision.group, decision.nodes);
        if (share) return finish({ share });
      }
    };

    const unknownAttestations = (nodes: number[]): Attestation[] =>
      nodes.map((i) => unknowns.find((u) => u.node.index === i)!.attestation);

    /** Verifies and opens the t chosen candidates of a group; combines them, or names the bad ones. */
    const tryGroup = async (key: string, nodes: number[]): Promise<NetworkShare | undefined> => {
      const group = groups.get(key)!;
      const chosen = nodes.map((i) => group.find((c) => c.node.index === i)!);
      await Promise.all(chosen.filter((c) => c.state === 'new').map(prepare));
      if (finished || chosen.some((c) => c.state !== 'good')) return undefined;
      const subShares = chosen.map((c) => ({ node: c.node.index, pair: c.pair! }));
      const body = chosen[0]!.answer!.body;
      const share = combineSubShares(subShares, body.commitments);
      if (share) return success(group, chosen, share);
      let bad: Set<number>;
      try {
        bad = new Set(badSubShares(subShares, body.commitments));
      } catch {
        bad = new Set(); // commitments that are not curve points: the whole group is refused below
      }
      // t shares on one polynomial cannot interpolate off it: with none bad, the group is inconsistent
      for (const c of bad.size > 0 ? chosen.filter((c) => bad.has(c.node.index)) : group)
        reject1(
          c,
          new NodeCallError('bad-share', `node ${c.node.index}: sub-share does not match the commitments`),
        );
      return undefined;
    };

    const prepare = async (c: Candidate) => {
      try {
        const parsed = v.safeParse(ShareResponse, c.raw);
        if (!parsed.success || parsed.output.answer.body.status !== 'ok')
          throw new NodeCallError('bad-answer', `node ${c.node.index}: malformed answer`);
        c.answer = { body: parsed.output.answer.body, sig: parsed.output.answer.sig };
        await assertSignedBy(c.node, c.answer);
        const b = c.answer.body;
        let plain: Uint8Array;
        try {
          plain = await x25519Open(p.session, fromHex(b.sealed), shareSlot(b.P, b.epoch, b.node, sessionPub));
        } catch {
          throw new NodeCallError('bad-share', `node ${c.node.index}: sealed sub-share does not open`);
        }
        try {
          c.pair = decodeSharePair(plain);
        } finally {
          plain.fill(0);
        }
        c.state = 'good';
      } catch (error) {
        reject1(c, error);
      }
    };

    const reject1 = (c: Candidate, error: unknown) => {
      c.state = 'bad';
      delete c.pair;
      failures.push(failureOf(c.node.index, error));
    };

    const success = (winner: Candidate[], used: Candidate[], share: SharePair): NetworkShare => {
      const b = used[0]!.answer!.body;
      const lagging = unknowns.map((u) => u.node.index);
      const extra: NodeFailure[] = [];
      for (const group of groups.values()) {
        if (group === winner) continue;
        for (const c of group) {
          if (c.state === 'bad') continue;
          const o = (c.raw as { answer: { body: NodeShareOk } }).answer.body; // sorted by these fields
          if (o.P === b.P && o.epoch < b.epoch) lagging.push(c.node.index);
          else
            extra.push({
              node: c.node.index,
              reason: o.P === b.P && o.epoch > b.epoch ? 'other-epoch' : 'disagrees',
              message: `node ${c.node.index}: answered another ${o.P === b.P ? `epoch (${o.epoch})` : 'user'}`,
            });
        }
      }
      return {
        P: b.P,
        epoch: b.epoch,
        K: b.tss.K,
        M: b.meta.M,
        commitments: b.commitments,
        share,
        used: used.map((c) => c.node.index).sort((x, y) => x - y),
        lagging: lagging.sort((x, y) => x - y),
        pending: [...outstanding].sort((x, y) => x - y),
        failures: [...failures, ...extra],
      };
    };

    const onAnswer = async (node: NodeEntry, raw: v.InferOutput<typeof Envelope>) => {
      const body = raw.answer.body;
      if (body.node !== node.index || body.sessionPub !== sessionPub)
        throw new NodeCallError('wrong-binding', `node ${node.index}: answer is for another node or session`);
      if (body.status === 'ok') {
        okAnswers += 1;
        let key: string;
        try {
          key = agreementKey(body);
        } catch {
          throw new NodeCallError('bad-answer', `node ${node.index}: malformed answer`);
        }
        const group = groups.get(key) ?? [];
        groups.set(key, group);
        group.push({ node, raw, state: 'new' });
        p.onProgress?.({ step: 'nodes', answered: okAnswers, needed: t, total: network.nodes.length });
        return;
      }
      const response = v.safeParse(ShareResponse, raw);
      if (!response.success) throw new NodeCallError('bad-answer', `node ${node.index}: malformed answer`);
      // "unknown" is only believed when signed, with a matching attestation (for the create)
      const attestation = response.output.attestation;
      if (!attestation)
        throw new NodeCallError('bad-answer', `node ${node.index}: "unknown" without attestation`);
      const a = attestation.body;
      if (
        a.node !== node.index ||
        a.P !== body.P ||
        a.sessionPub !== sessionPub ||
        a.candidateM !== request.candidateM ||
        a.registered
      )
        throw new NodeCallError('wrong-binding', `node ${node.index}: attestation does not match its answer`);
      await assertSignedBy(node, response.output.answer);
      await assertSignedBy(node, attestation);
      unknowns.push({ node, attestation });
    };

    const request = loginRequest(p);
    const options = fanOut(controller.signal, p.timeoutMs);
    for (const node of network.nodes) {
      callNode(node, '/v1/share', request, Envelope, options)
        .then((response) => onAnswer(node, response))
        .catch((error: unknown) => {
          if (!finished) failures.push(failureOf(node.index, error));
        })
        .finally(() => {
          outstanding.delete(node.index);
          if (!finished) schedule();
        });
    }
  });
}
