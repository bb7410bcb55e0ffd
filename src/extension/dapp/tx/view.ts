/**
 * The approval window's picture of a prepared transaction: every amount as a decimal
 * string of wei, the call decoded where we know the function, and the most it can cost;
 * with `preview` (preview.ts), the dry run's outcome and the decoded warnings.
 */
import type { ChainSummary, TransactionView } from '../../../messages/dapp.ts';
import type { PreparedTransaction } from './build.ts';
import { decodeCall } from './decode.ts';
import { maxPricePerGas } from './fees.ts';
import type { TransactionPreview } from './preview.ts';

export function transactionView(
  tx: PreparedTransaction,
  chain: ChainSummary,
  preview?: TransactionPreview,
): TransactionView {
  return {
    kind: 'transaction',
    from: tx.from,
    to: tx.to,
    chain,
    valueWei: tx.value.toString(),
    data: tx.data,
    call: decodeCall(tx.data),
    gas: tx.gas.toString(),
    fees:
      tx.fees.type === 'eip1559'
        ? {
            type: 'eip1559',
            maxFeePerGas: tx.fees.maxFeePerGas.toString(),
            maxPriorityFeePerGas: tx.fees.maxPriorityFeePerGas.toString(),
          }
        : { type: 'legacy', gasPrice: tx.fees.gasPrice.toString() },
    maxTotalWei: (tx.value + tx.gas * maxPricePerGas(tx.fees)).toString(),
    ...(preview === undefined ? {} : { simulation: preview.simulation, warnings: preview.warnings }),
  };
}
