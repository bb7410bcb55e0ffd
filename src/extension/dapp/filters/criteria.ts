/**
 * The log criteria of `eth_newFilter`, `eth_getLogs`-style, and of `eth_subscribe('logs')`:
 * addresses (one or a list), up to four topic positions (null, one topic, or a list of
 * alternatives), and for filters a block range. Checked strictly and bounded, so a page
 * cannot make the wallet ask the node for an unbounded query shape.
 */
import * as v from 'valibot';
import { addressParam } from '../params.ts';

const MAX_ADDRESSES = 32;
const MAX_ALTERNATIVES = 16;

const topic = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte 0x-hex topic'),
  v.transform((t) => t.toLowerCase() as `0x${string}`),
);

/** `latest`, `earliest`, `pending`, `safe`, `finalized` or a block number. */
export const blockParam = v.union([
  v.picklist(['latest', 'earliest', 'pending', 'safe', 'finalized']),
  v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{1,16}$/, 'expected a block tag or a 0x-hex block number')),
]);
export type BlockParam = v.InferOutput<typeof blockParam>;

export const LogCriteria = v.strictObject({
  address: v.optional(v.union([addressParam, v.pipe(v.array(addressParam), v.maxLength(MAX_ADDRESSES))])),
  topics: v.optional(
    v.pipe(
      v.array(v.nullable(v.union([topic, v.pipe(v.array(topic), v.maxLength(MAX_ALTERNATIVES))]))),
      v.maxLength(4, 'at most 4 topic positions'),
    ),
  ),
});
export type LogCriteria = v.InferOutput<typeof LogCriteria>;

export const FilterCriteria = v.strictObject({
  ...LogCriteria.entries,
  fromBlock: v.optional(blockParam),
  toBlock: v.optional(blockParam),
});
export type FilterCriteria = v.InferOutput<typeof FilterCriteria>;

/** The criteria as the node's `eth_getLogs` takes them for blocks `from` … `to`. */
export function logQuery(criteria: LogCriteria, from: bigint, to: bigint): Record<string, unknown> {
  return {
    fromBlock: `0x${from.toString(16)}`,
    toBlock: `0x${to.toString(16)}`,
    ...(criteria.address === undefined ? {} : { address: criteria.address }),
    ...(criteria.topics === undefined ? {} : { topics: criteria.topics }),
  };
}

/** A numbered block, or undefined for a tag that moves with the chain. */
export function blockNumberOf(block: BlockParam | undefined): bigint | undefined {
  if (block === undefined || !block.startsWith('0x')) return block === 'earliest' ? 0n : undefined;
  return BigInt(block);
}
