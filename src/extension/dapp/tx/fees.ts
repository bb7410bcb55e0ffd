/**
 * Fees from the chain's recent history (`eth_feeHistory`), so the approval window can show
 * the most a transaction may cost. EIP-1559 chains: maxFeePerGas = 2 × next base fee + tip,
 * which stays valid through six full blocks of base-fee growth (12.5 % each); the tip is
 * the median of the recent blocks' 50th-percentile rewards. Chains without a base fee get
 * a legacy gas price.
 */
import { type Hex, hexToBigInt } from 'viem';

export type Fees =
  | { type: 'eip1559'; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; gasPrice: bigint };

export type FeeHistory = { baseFeePerGas?: Hex[]; reward?: Hex[][] };

/** Blocks of history asked for, and the reward percentile used for the tip. */
export const FEE_HISTORY_BLOCKS = 5;
export const TIP_PERCENTILE = 50;
/** Tip when recent blocks paid none (an idle chain): 1 gwei, what the reference clients suggest. */
export const DEFAULT_TIP = 1_000_000_000n;

/**
 * Fees from a fee history answer, or `undefined` when the chain has no base fee (legacy).
 *
 * @example
 * feesFromHistory({ baseFeePerGas: ['0x3b9aca00', '0x3b9aca00'], reward: [['0x0']] })
 * // → { type: 'eip1559', maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }
 */
export function feesFromHistory(history: FeeHistory): Fees | undefined {
  const baseFees = history.baseFeePerGas ?? [];
  // The last entry is the base fee of the next block, the one our transaction aims for.
  const next = baseFees.length > 0 ? hexToBigInt(baseFees[baseFees.length - 1]!) : 0n;
  if (next === 0n) return undefined;
  const rewards = (history.reward ?? []).map((r) => (r[0] === undefined ? 0n : hexToBigInt(r[0])));
  const tip = median(rewards.filter((r) => r > 0n)) ?? DEFAULT_TIP;
  return { type: 'eip1559', maxFeePerGas: 2n * next + tip, maxPriorityFeePerGas: tip };
}

function median(values: bigint[]): bigint | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)];
}

/** The highest price per gas the fees allow. */
export function maxPricePerGas(fees: Fees): bigint {
  return fees.type === 'eip1559' ? fees.maxFeePerGas : fees.gasPrice;
}

/** The fees as decimal strings of wei (IndexedDB and messages carry no bigint), and back. */
export type FeesText =
  | { type: 'eip1559'; maxFeePerGas: string; maxPriorityFeePerGas: string }
  | { type: 'legacy'; gasPrice: string };

export function feesToText(fees: Fees): FeesText {
  return fees.type === 'eip1559'
    ? {
        type: 'eip1559',
        maxFeePerGas: fees.maxFeePerGas.toString(),
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
      }
    : { type: 'legacy', gasPrice: fees.gasPrice.toString() };
}

export function feesFromText(fees: FeesText): Fees {
  return fees.type === 'eip1559'
    ? {
        type: 'eip1559',
        maxFeePerGas: BigInt(fees.maxFeePerGas),
        maxPriorityFeePerGas: BigInt(fees.maxPriorityFeePerGas),
      }
    : { type: 'legacy', gasPrice: BigInt(fees.gasPrice) };
}
