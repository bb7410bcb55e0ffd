/**
 * What a filter or subscription has to report since it was last asked: the blocks after
 * `next` up to the chain's head, at most MAX_BLOCKS_PER_STEP at a time (a page that polls
 * after a long pause gets the rest at its next poll), and the logs in those blocks.
 */
import type { ChainRpc } from '../services.ts';
import { logQuery } from './criteria.ts';
import type { Watch } from './registry.ts';

export const MAX_BLOCKS_PER_STEP = 100n;

export async function headOf(rpc: ChainRpc, rpcUrl: string): Promise<bigint> {
  return BigInt((await rpc(rpcUrl, 'eth_blockNumber', [])) as string);
}

/** The new block numbers of `watch` (advancing it), given the head. */
export function newBlocks(watch: Watch, head: bigint): bigint[] {
  let last = head;
  if (watch.kind === 'log-filter' && watch.last !== undefined && watch.last < last) last = watch.last;
  if (last - watch.next + 1n > MAX_BLOCKS_PER_STEP) last = watch.next + MAX_BLOCKS_PER_STEP - 1n;
  const blocks: bigint[] = [];
  for (let n = watch.next; n <= last; n++) blocks.push(n);
  if (blocks.length > 0) watch.next = last + 1n;
  return blocks;
}

/** Block hashes (block filters) or headers without transactions (newHeads), in order. */
export async function blocksOf(
  rpc: ChainRpc,
  rpcUrl: string,
  numbers: bigint[],
): Promise<Record<string, unknown>[]> {
  const blocks = await Promise.all(
    numbers.map((n) => rpc(rpcUrl, 'eth_getBlockByNumber', [`0x${n.toString(16)}`, false])),
  );
  return blocks.flatMap((block) => {
    if (block === null || typeof block !== 'object') return [];
    const { transactions: _, ...header } = block as Record<string, unknown>;
    return [header];
  });
}

/** The logs of `watch`'s criteria in blocks `numbers` (consecutive), from the node. */
export async function logsOf(
  rpc: ChainRpc,
  watch: Watch & { kind: 'log-filter' | 'logs' },
  numbers: bigint[],
): Promise<unknown[]> {
  const first = numbers[0];
  const last = numbers.at(-1);
  if (first === undefined || last === undefined) return [];
  const logs = await rpc(watch.rpcUrl, 'eth_getLogs', [logQuery(watch.criteria, first, last)]);
  return Array.isArray(logs) ? logs : [];
}
