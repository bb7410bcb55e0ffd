/**
 * A draft as the popup reviews it: kept under a one-use id, shown through the approval
 * window's own view of a transaction (`transactionView`, with the same preview — dry run
 * and warnings — a dApp's `eth_sendTransaction` gets), so a popup send is reviewed exactly
 * as a dApp's is.
 */
import type { SendReview } from '../../messages/wallet.ts';
import { chainSummary } from '../dapp/access.ts';
import type { ChainRpc } from '../dapp/services.ts';
import { previewTransaction } from '../dapp/tx/preview.ts';
import { transactionView } from '../dapp/tx/view.ts';
import { type SendDraft, sendDrafts } from './draft.ts';

export async function reviewOf(draft: SendDraft, rpc: ChainRpc): Promise<SendReview> {
  const { tx, chain } = draft;
  // The preview is advice: a node that cannot simulate leaves the review without it.
  const preview = await previewTransaction(
    { from: tx.from, to: tx.to, value: tx.value, data: tx.data },
    chain,
    rpc,
  ).catch(() => undefined);
  return {
    ok: true,
    id: sendDrafts.put(draft),
    summary: draft.summary.review,
    view: transactionView(tx, chainSummary(chain), preview),
  };
}
