/** Calls the given nodes in parallel and waits for every one (installs and attestations want all). */
import type { NodeEntry } from '../../config/network.ts';
import { failureOf, type NodeFailure } from './failures.ts';

export async function settleAll<T>(
  nodes: readonly NodeEntry[],
  call: (node: NodeEntry) => Promise<T>,
  onSuccess?: (done: number) => void,
): Promise<{ results: { node: number; value: T }[]; failures: NodeFailure[] }> {
  const results: { node: number; value: T }[] = [];
  const failures: NodeFailure[] = [];
  await Promise.all(
    nodes.map(async (node) => {
      try {
        results.push({ node: node.index, value: await call(node) });
        onSuccess?.(results.length);
      } catch (error) {
        failures.push(failureOf(node.index, error));
      }
    }),
  );
  results.sort((a, b) => a.node - b.node);
  failures.sort((a, b) => a.node - b.node);
  return { results, failures };
}

/** The nodes of the network with these indices (all when none given); an unknown index is an error. */
export function targetNodes(all: readonly NodeEntry[], indices: readonly number[] | undefined): NodeEntry[] {
  if (!indices) return [...all];
  return indices.map((i) => {
    const node = all.find((n) => n.index === i);
    if (!node) throw new RangeError(`nodes: no node ${i} in the network`);
    return node;
  });
}
