/**
 * `eth_sendTransaction`: build the transaction for the selected chain (gas, fees), show it
 * decoded with its total, and after approval take the next nonce, sign, broadcast and
 * return the hash (tx/broadcast.ts, shared with the popup's Send). An activity entry with
 * what was signed follows the receipt (tx/track.ts).
 */

import * as v from 'valibot';
import { formatEther } from 'viem';
import { chainSummary, requireAccount } from '../access.ts';
import { paramsOf, TransactionParam } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { broadcastTransaction } from '../tx/broadcast.ts';
import { prepareTransaction } from '../tx/build.ts';
import { followedTokens, previewTransactionInStages } from '../tx/preview.ts';
import { trackSend } from '../tx/track.ts';
import { transactionView } from '../tx/view.ts';

const Params = v.tuple([TransactionParam]);

export const ethSendTransaction: MethodHandler = async (params, context, services) => {
  const [param] = paramsOf(Params, params, 'eth_sendTransaction');
  await requireAccount(context, services, param.from);
  const chain = await services.chains.selected();
  // The preview (dry run, warnings) runs beside gas and fee reads: at most one more round trip.
  // Tokens only the dry run reveals are named while the approval is already open.
  const [tx, preview] = await Promise.all([
    prepareTransaction(param, chain, services.rpc),
    previewTransactionInStages(
      {
        from: param.from,
        to: param.to ?? null,
        value: param.value ?? 0n,
        data: param.data ?? param.input ?? '0x',
      },
      chain,
      services.rpc,
      followedTokens(services.tokens, chain.chainId),
    ),
  ]);
  const summary = chainSummary(chain);
  await services.approvals.ask(
    context.origin,
    transactionView(tx, summary, preview.first),
    preview.named?.then((named) => transactionView(tx, summary, named)),
  );

  const { hash, nonce } = await broadcastTransaction(services, chain, tx);
  await trackSend(services, {
    chain,
    tx,
    nonce,
    hash,
    origin: context.origin,
    summary:
      tx.to === null
        ? 'Contract creation'
        : `Sent ${formatEther(tx.value)} ${chain.symbol} to ${tx.to}${tx.data === '0x' ? '' : ' (contract call)'}`,
  });
  return hash;
};
