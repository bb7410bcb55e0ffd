/**
 * A batch's status as `wallet_getCallsStatus` answers it (EIP-5792): the receipts of the
 * calls mined so far, and the status code —
 *   100 pending (a sent call has no receipt yet),
 *   200 confirmed (every call mined and succeeded),
 *   400 off-chain failure (no call got on chain: all cancelled from the popup),
 *   500 chain rules failure (every call reverted),
 *   600 partial failure (some reverted or were cancelled, or sending stopped early).
 * A call sped up in the popup counts by its replacement's receipt. `atomic` is false: each
 * call is its own transaction.
 */
import type { Hex } from 'viem';
import type { CallBatch } from './batch.ts';
import { CALLS_VERSION } from './params.ts';

/** A receipt as the EIP gives it (the node's, trimmed to these fields). */
export type CallReceipt = {
  logs: { address: Hex; data: Hex; topics: Hex[] }[];
  status: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  gasUsed: Hex;
  transactionHash: Hex;
};

/** Where one call is: mined (its receipt), still pending, or never to be (cancelled, not sent). */
export type CallOutcome = CallReceipt | 'pending' | 'dropped';

export type CallsStatus = {
  version: string;
  id: string;
  chainId: Hex;
  status: 100 | 200 | 400 | 500 | 600;
  atomic: false;
  receipts: CallReceipt[];
};

/** `outcomes[i]`: call i's (calls never sent are counted as dropped). */
export function callsStatus(batch: CallBatch, outcomes: readonly CallOutcome[]): CallsStatus {
  const all = Array.from({ length: batch.callCount }, (_, i): CallOutcome => outcomes[i] ?? 'dropped');
  const receipts = all.filter((o): o is CallReceipt => typeof o === 'object');
  const succeeded = receipts.filter((r) => r.status === '0x1').length;
  const status = all.includes('pending')
    ? 100
    : succeeded === all.length
      ? 200
      : receipts.length === 0
        ? 400
        : succeeded === 0 && receipts.length === all.length
          ? 500
          : 600;
  return { version: CALLS_VERSION, id: batch.id, chainId: batch.chainId, status, atomic: false, receipts };
}

/** The EIP's receipt fields from a node's `eth_getTransactionReceipt` answer; null when absent or malformed. */
export function callReceipt(answer: unknown): CallReceipt | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const r = answer as Record<string, unknown>;
  const hex = (x: unknown): x is Hex => typeof x === 'string' && /^0x[0-9a-fA-F]*$/.test(x);
  if (![r.status, r.blockHash, r.blockNumber, r.gasUsed, r.transactionHash].every(hex)) return null;
  const logs = Array.isArray(r.logs) ? (r.logs as Record<string, unknown>[]) : [];
  return {
    logs: logs.map((l) => ({
      address: l.address as Hex,
      data: l.data as Hex,
      topics: Array.isArray(l.topics) ? (l.topics as Hex[]) : [],
    })),
    status: r.status as Hex,
    blockHash: r.blockHash as Hex,
    blockNumber: r.blockNumber as Hex,
    gasUsed: r.gasUsed as Hex,
    transactionHash: r.transactionHash as Hex,
  };
}
