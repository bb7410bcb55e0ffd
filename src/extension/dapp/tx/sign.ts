/**
 * Serialise and sign a prepared transaction with viem's account (EIP-1559 type 2, or
 * legacy with EIP-155 replay protection). Runs in the service worker only.
 */
import type { Hex, TransactionSerializable } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { PreparedTransaction } from './build.ts';

export function toSerializable(tx: PreparedTransaction, nonce: number): TransactionSerializable {
  const common = {
    chainId: tx.chainId,
    nonce,
    gas: tx.gas,
    value: tx.value,
    data: tx.data,
    ...(tx.to === null ? {} : { to: tx.to }),
  };
  return tx.fees.type === 'eip1559'
    ? {
        ...common,
        type: 'eip1559',
        maxFeePerGas: tx.fees.maxFeePerGas,
        maxPriorityFeePerGas: tx.fees.maxPriorityFeePerGas,
      }
    : { ...common, type: 'legacy', gasPrice: tx.fees.gasPrice };
}

/** The signed raw transaction, ready for `eth_sendRawTransaction`. */
export function signTransaction(privateKey: Hex, tx: PreparedTransaction, nonce: number): Promise<Hex> {
  return privateKeyToAccount(privateKey).signTransaction(toSerializable(tx, nonce));
}
