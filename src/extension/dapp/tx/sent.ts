/**
 * What was signed, as the activity entry keeps it (decimal strings: IndexedDB and messages
 * carry no bigint), and back: speed up and cancel re-sign the same nonce from it.
 */
import type { Hex } from 'viem';
import type { SentTransaction } from '../../db.ts';
import type { PreparedTransaction } from './build.ts';
import { feesFromText, feesToText } from './fees.ts';

export function toSentTransaction(tx: PreparedTransaction, nonce: number): SentTransaction {
  return {
    from: tx.from,
    to: tx.to,
    value: tx.value.toString(),
    data: tx.data,
    gas: tx.gas.toString(),
    nonce,
    fees: feesToText(tx.fees),
  };
}

/** The transaction again, nonce fixed, for `chainId` (EIP-1193 hex). */
export function fromSentTransaction(sent: SentTransaction, chainId: Hex): PreparedTransaction {
  return {
    chainId: Number(BigInt(chainId)),
    from: sent.from,
    to: sent.to,
    value: BigInt(sent.value),
    data: sent.data,
    gas: BigInt(sent.gas),
    fees: feesFromText(sent.fees),
    nonce: sent.nonce,
  };
}
