/**
 * The t-of-N decision as a table: for each set of final node states (N = 5, t = 3), the
 * verdict, checked in every one of the 120 orders the answers can arrive in (decided at the
 * first answer after which it is no longer "wait", as the driver does) and in every order
 * the states can be listed in. At N = 18, t = 10, random arrival orders (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideShare,
  type NodeState,
  type ShareDecision,
  shareFailureError,
} from '../../../src/clients/nodes/decision.ts';
import type { NodeFailure, NodeFailureReason } from '../../../src/clients/nodes/failures.ts';
import { isTrineError } from '../../../src/errors/index.ts';

const good = (node: number, group = 'A'): NodeState => ({ node, kind: 'good', group });
const unknown = (node: number): NodeState => ({ node, kind: 'unknown' });
const fail = (node: number, reason: NodeFailureReason = 'unreachable'): NodeFailure => ({
  node,
  reason,
  message: `node ${node}: ${reason}`,
});
const failed = (node: number, reason?: NodeFailureReason): NodeState => ({
  node,
  kind: 'failed',
  failure: fail(node, reason),
});
const bad = (node: number): NodeState => ({ node, kind: 'bad', failure: fail(node, 'bad-share') });

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** The driver's view: every node silent, then answers in `order`; the first verdict that is not "wait". */
function arrive(final: readonly NodeState[], order: readonly number[], t: number) {
  const states: NodeState[] = final.map((s) => ({ node: s.node, kind: 'silent' }));
  for (const node of order) {
    states[node - 1] = final[node - 1]!;
    const decision = decideShare(states, t);
    if (decision.kind !== 'wait')
      return { decision, silent: states.filter((s) => s.kind === 'silent').length };
  }
  throw new Error('still waiting with every node heard from');
}

const failedNodes = (d: ShareDecision) =>
  'failures' in d ? d.failures.filter((f) => f.reason !== 'disagrees').map((f) => f.node) : [];

type Row = {
  name: string;
  final: NodeState[];
  expected: ShareDecision;
  /** The verdict is identical in every order (else only its kind, and it never counts a silent node as failed). */
  exact?: true;
};

const t = 3;
const table: Row[] = [
  {
    name: 'five agreeing answers',
    final: [good(1), good(2), good(3), good(4), good(5)],
    expected: { kind: 'combine', group: 'A', nodes: [1, 2, 3] },
  },
  {
    name: 'three agreeing, two unreachable',
    final: [failed(1), good(2), good(3), failed(4), good(5)],
    expected: { kind: 'combine', group: 'A', nodes: [2, 3, 5] },
  },
  {
    name: 'four agreeing, one proven bad',
    final: [good(1), bad(2), good(3), good(4), good(5)],
    expected: { kind: 'combine', group: 'A', nodes: [1, 3, 4] },
  },
  {
    name: 'three agreeing, two on another epoch',
    final: [good(1, 'B'), good(2), good(3), good(4), good(5, 'B')],
    expected: { kind: 'combine', group: 'A', nodes: [2, 3, 4] },
  },
  {
    name: 'three unreachable, two agreeing (the issue: "only 2 of 5", whatever arrives first)',
    exact: true,
    final: [failed(1), failed(2), failed(3), good(4), good(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 2,
      needed: 3,
      total: 5,
      failures: [1, 2, 3].map((n) => fail(n)),
    },
  },
  {
    name: 'two agreeing, one proven bad, two unreachable',
    exact: true,
    final: [good(1), bad(2), good(3), failed(4), failed(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 2,
      needed: 3,
      total: 5,
      failures: [fail(2, 'bad-share'), fail(4), fail(5)],
    },
  },
  {
    name: 'two and two disagree, one unreachable',
    exact: true,
    final: [good(1), good(2), good(3, 'B'), good(4, 'B'), failed(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 2,
      needed: 3,
      total: 5,
      failures: [
        { node: 3, reason: 'disagrees', message: 'node 3: too few nodes agree with its answer' },
        { node: 4, reason: 'disagrees', message: 'node 4: too few nodes agree with its answer' },
        fail(5),
      ],
    },
  },
  {
    name: 'one and one disagree, three unreachable',
    final: [failed(1), good(2, 'B'), failed(3), good(4), failed(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 1,
      needed: 3,
      total: 5,
      failures: [
        fail(1),
        fail(3),
        { node: 4, reason: 'disagrees', message: 'node 4: too few nodes agree with its answer' },
        fail(5),
      ],
    },
  },
  {
    name: 'every node unreachable',
    final: [failed(1), failed(2), failed(3), failed(4), failed(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 0,
      needed: 3,
      total: 5,
      failures: [1, 2, 3, 4, 5].map((n) => fail(n)),
    },
  },
  {
    name: 'three unknown, two unreachable',
    final: [unknown(1), failed(2), unknown(3), failed(4), unknown(5)],
    expected: {
      kind: 'user-unknown',
      nodes: [1, 3, 5],
      total: 5,
      failures: [2, 4].map((n) => fail(n)),
    },
  },
  {
    name: 'three unknown, two agreeing (a registration half installed)',
    exact: true,
    final: [unknown(1), unknown(2), unknown(3), good(4), good(5)],
    expected: { kind: 'user-unknown', nodes: [1, 2, 3], total: 5, failures: [] },
  },
  {
    name: 'two unknown, two agreeing, one unreachable',
    exact: true,
    final: [unknown(1), good(2), unknown(3), good(4), failed(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 2,
      needed: 3,
      total: 5,
      failures: [fail(5)],
    },
  },
  {
    name: 'three expired tokens, two agreeing',
    exact: true,
    final: [
      failed(1, 'token-expired'),
      good(2),
      failed(3, 'token-expired'),
      good(4),
      failed(5, 'token-expired'),
    ],
    expected: {
      kind: 'token-expired',
      failures: [1, 3, 5].map((n) => fail(n, 'token-expired')),
    },
  },
  {
    name: 'two expired, one rejected token, two agreeing',
    exact: true,
    final: [
      failed(1, 'token-expired'),
      failed(2, 'token-rejected'),
      good(3),
      failed(4, 'token-expired'),
      good(5),
    ],
    expected: {
      kind: 'token-expired',
      failures: [fail(1, 'token-expired'), fail(2, 'token-rejected'), fail(4, 'token-expired')],
    },
  },
  {
    name: 'one expired, two rejected tokens, two unreachable',
    final: [
      failed(1, 'token-rejected'),
      failed(2),
      failed(3, 'token-expired'),
      failed(4),
      failed(5, 'token-rejected'),
    ],
    expected: {
      kind: 'token-rejected',
      failures: [
        fail(1, 'token-rejected'),
        fail(2),
        fail(3, 'token-expired'),
        fail(4),
        fail(5, 'token-rejected'),
      ],
    },
  },
  {
    name: 'two expired tokens, one unreachable, two agreeing: too few refusals to blame the token',
    exact: true,
    final: [failed(1, 'token-expired'), failed(2, 'token-expired'), failed(3), good(4), good(5)],
    expected: {
      kind: 'not-enough-nodes',
      usable: 2,
      needed: 3,
      total: 5,
      failures: [fail(1, 'token-expired'), fail(2, 'token-expired'), fail(3)],
    },
  },
];

const orders = permutations([1, 2, 3, 4, 5]);

describe('the t-of-N decision (N = 5, t = 3)', () => {
  it.each(table)('$name: the same verdict in every order of arrival', ({ final, expected, exact }) => {
    expect(decideShare(final, t)).toEqual(expected);
    for (const order of orders) {
      const { decision, silent } = arrive(final, order, t);
      const where = `arrival order ${order.join(',')}`;
      expect(decision.kind, where).toBe(expected.kind);
      if (decision.kind === 'combine' && expected.kind === 'combine') {
        // which t of the group are combined depends on who answered first; the group does not
        expect(decision.group, where).toBe(expected.group);
        expect(decision.nodes, where).toHaveLength(t);
        for (const n of decision.nodes) expect(final[n - 1], where).toEqual(good(n, expected.group));
      } else if (exact || silent === 0) {
        expect(decision, where).toEqual(expected);
      } else {
        // Decided before every node answered: the silent ones are neither failures nor
        // counted out; what they would have said can only lower `usable` and add failures.
        const heard = 'failures' in decision ? decision.failures : [];
        const all = 'failures' in expected ? expected.failures : [];
        for (const f of heard.filter((f) => f.reason !== 'disagrees')) expect(all, where).toContainEqual(f);
        if (decision.kind === 'not-enough-nodes' && expected.kind === 'not-enough-nodes') {
          expect(decision.usable, where).toBeGreaterThanOrEqual(expected.usable);
          expect(decision.usable, where).toBeLessThanOrEqual(expected.usable + silent);
        }
      }
    }
  });

  it.each(table)('$name: the same verdict however the states are listed', ({ final, expected }) => {
    for (const listed of permutations(final)) expect(decideShare(listed, t)).toEqual(expected);
  });

  it('waits while t agreeing answers, or t "unknown", are still possible', () => {
    const silent = (node: number): NodeState => ({ node, kind: 'silent' });
    expect(decideShare([1, 2, 3, 4, 5].map(silent), t)).toEqual({ kind: 'wait' });
    expect(decideShare([failed(1), failed(2), silent(3), silent(4), silent(5)], t)).toEqual({ kind: 'wait' });
    expect(decideShare([unknown(1), unknown(2), failed(3), failed(4), silent(5)], t)).toEqual({
      kind: 'wait',
    });
    expect(decideShare([good(1), good(2), good(3, 'B'), failed(4), silent(5)], t)).toEqual({ kind: 'wait' });
    // two refusals and two silent: the silent ones could still make it a token error
    expect(
      decideShare(
        [failed(1, 'token-expired'), failed(2, 'token-rejected'), failed(3), silent(4), silent(5)],
        t,
      ),
    ).toEqual({ kind: 'wait' });
    // three down, two silent: nothing the silent two say can reach t or blame the token
    expect(decideShare([failed(1), failed(2), failed(3), silent(4), silent(5)], t)).toMatchObject({
      kind: 'not-enough-nodes',
      usable: 2,
    });
  });

  it('reports a verdict as the TrineError a screen shows', () => {
    const row = table.find((r) => r.name.startsWith('three unreachable, two agreeing'))!;
    const decision = decideShare(row.final, t);
    if (decision.kind === 'wait' || decision.kind === 'combine') throw new Error(decision.kind);
    const error = shareFailureError(decision, undefined);
    expect(isTrineError(error, 'not-enough-nodes')).toBe(true);
    expect(error.message).toBe(
      'only 2 of 5 nodes could be used and 3 are needed (3 failed, disagreed or could not be reached)',
    );
    expect(error.details).toMatchObject({ needed: 3, total: 5, usable: 2 });
    const unknownRow = table.find((r) => r.expected.kind === 'user-unknown')!;
    const u = decideShare(unknownRow.final, t);
    if (u.kind !== 'user-unknown') throw new Error(u.kind);
    const unknownError = shareFailureError(u, { P: 'ab', attestations: [] });
    expect(unknownError.code).toBe('user-unknown');
    expect(unknownError.details).toMatchObject({ P: 'ab', attestations: [] });
  });
});

describe('the t-of-N decision (N = 18, t = 10), random arrival orders', () => {
  const N = 18;
  const nodes = Array.from({ length: N }, (_, i) => i + 1);
  it('nine down and nine agreeing: only 9 of 18, whatever the order', () => {
    const final = nodes.map((n) => (n % 2 === 0 ? failed(n) : good(n)));
    fc.assert(
      fc.property(fc.shuffledSubarray(nodes, { minLength: N, maxLength: N }), (order) => {
        const { decision } = arrive(final, order, 10);
        expect(decision).toMatchObject({ kind: 'not-enough-nodes', usable: 9, needed: 10, total: 18 });
        expect(failedNodes(decision)).toEqual(nodes.filter((n) => n % 2 === 0));
      }),
    );
  });
  it('eight down and ten agreeing: combined, from the agreeing ten', () => {
    const final = nodes.map((n) => (n <= 8 ? failed(n) : good(n)));
    fc.assert(
      fc.property(fc.shuffledSubarray(nodes, { minLength: N, maxLength: N }), (order) => {
        const { decision } = arrive(final, order, 10);
        expect(decision).toEqual({ kind: 'combine', group: 'A', nodes: nodes.slice(8) });
      }),
    );
  });
});
