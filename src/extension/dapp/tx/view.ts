/**
 * The approval window's picture of a prepared transaction: every amount as a decimal
 * string of wei, the call decoded where we know the function, and the most it can cost;
 * with `preview` (preview.ts), the dry run's outcome and the decoded warnings.
 */
import type { ChainSummary, TransactionView } from '../../../messages/dapp.ts';
import type { PreparedTransaction } from './build.ts';
import { decodeCall } from './decode.ts';
import { feesToText, maxPricePerGas } from './fees.ts';
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
    fees: feesToText(tx.fees),
    maxTotalWei: (tx.value + tx.gas * maxPricePerGas(tx.fees)).toString(),
    ...(preview === undefined ? {} : { simulation: preview.simulation, warnings: preview.warnings }),
  };
}
