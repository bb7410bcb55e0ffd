/**
 * A batch's status as `wallet_getCallsStatus` answers it (EIP-5792): the receipts of the
 * transactions mined so far, and the status code —
 *   100 pending (a sent transaction has no receipt yet),
 *   200 confirmed (every call sent and succeeded),
 *   500 chain rules failure (every call sent and reverted),
 *   600 partial failure (some reverted, or sending stopped after some were sent);
 * 400 (nothing got on chain) does not arise: a batch nothing of which was sent is refused
 * at `wallet_sendCalls` and never kept. `atomic` is false: each call is its own transaction.
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

export type CallsStatus = {
  version: string;
  id: string;
  chainId: Hex;
  status: 100 | 200 | 400 | 500 | 600;
  atomic: false;
  receipts: CallReceipt[];
};

/** `receipts[i]`: the node's receipt of `batch.hashes[i]`, or null while it is not mined. */
export function callsStatus(batch: CallBatch, receipts: readonly (CallReceipt | null)[]): CallsStatus {
  const mined = receipts.filter((r): r is CallReceipt => r !== null);
  const succeeded = mined.filter((r) => r.status === '0x1').length;
  const allSent = batch.hashes.length === batch.callCount;
  const status =
    mined.length < batch.hashes.length
      ? 100
      : allSent && succeeded === mined.length
        ? 200
        : allSent && succeeded === 0
          ? 500
          : 600;
  return {
    version: CALLS_VERSION,
    id: batch.id,
    chainId: batch.chainId,
    status,
    atomic: false,
    receipts: mined,
  };
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
