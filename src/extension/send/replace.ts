/**
 * Speed up or cancel a pending send: a new transaction with the SAME nonce and higher fees,
 * which the chain's nodes take in place of the original. Nodes accept a replacement only
 * if it pays at least 10 % more on every fee field (geth's txpool `PriceBump`; MetaMask
 * bumps by ×1.1 too), so: tip' ≥ ⌈1.1 × tip⌉ and maxFee' ≥ ⌈1.1 × maxFee⌉ (EIP-1559), or
 * gasPrice' ≥ ⌈1.1 × gasPrice⌉ (legacy), and never below what the chain asks now.
 * Speed-up re-signs the same transaction; cancel signs a 0-value transfer to oneself
 * (21 000 gas), which leaves nothing of the original but its fee.
 */
import type { Address } from 'viem';
import { invalidInput } from '../../errors/index.ts';
import { suggestFees } from '../dapp/tx/build.ts';
import type { Fees } from '../dapp/tx/fees.ts';
import { settleOnce, watchTarget } from '../dapp/tx/receipt.ts';
import { fromSentTransaction } from '../dapp/tx/sent.ts';
import { chainFailure } from './chainFailure.ts';
import type { SendDraft } from './draft.ts';
import type { SendServices } from './services.ts';

/** The least raise nodes accept for a replacement, in percent. */
export const REPLACEMENT_BUMP_PERCENT = 10n;
const TRANSFER_GAS = 21_000n;

/**
 * ⌈old × 1.1⌉, and at least old + 1 (a zero tip still has to rise).
 *
 * @example bumped(1_000_000_000n) // → 1_100_000_000n
 */
export function bumped(old: bigint): bigint {
  const raised = (old * (100n + REPLACEMENT_BUMP_PERCENT) + 99n) / 100n; // round up
  return raised > old ? raised : old + 1n;
}

/** Fees for the replacement of a transaction that paid `old`, given what the chain suggests `now`. */
export function replacementFees(old: Fees, now: Fees): Fees {
  const higher = (a: bigint, b: bigint) => (a > b ? a : b);
  if (old.type === 'legacy')
    return {
      type: 'legacy',
      gasPrice: higher(bumped(old.gasPrice), now.type === 'legacy' ? now.gasPrice : now.maxFeePerGas),
    };
  const nowTip = now.type === 'eip1559' ? now.maxPriorityFeePerGas : 0n;
  const nowMax = now.type === 'eip1559' ? now.maxFeePerGas : now.gasPrice;
  const maxPriorityFeePerGas = higher(bumped(old.maxPriorityFeePerGas), nowTip);
  const maxFeePerGas = higher(higher(bumped(old.maxFeePerGas), nowMax), maxPriorityFeePerGas);
  return { type: 'eip1559', maxFeePerGas, maxPriorityFeePerGas };
}

/** The replacement of activity entry `activityId`, for review. Refused unless it is still pending. */
export async function prepareReplacement(
  activityId: string,
  mode: 'speed-up' | 'cancel',
  from: Address,
  services: Pick<SendServices, 'chains' | 'rpc' | 'activity'>,
): Promise<SendDraft> {
  const entry = await services.activity.get(activityId);
  if (entry === undefined || entry.kind !== 'send' || entry.hash === null || entry.chainId === null)
    throw invalidInput('activityId', 'no such transaction in the activity list');
  if (entry.tx === undefined)
    throw invalidInput(
      'activityId',
      'this transaction was recorded without its details: it cannot be replaced',
    );
  if (entry.tx.from.toLowerCase() !== from.toLowerCase())
    throw invalidInput(
      'activityId',
      `this transaction was sent by ${entry.tx.from}: switch to that account first`,
    );
  const chain = await services.chains.get(entry.chainId);
  if (chain === undefined)
    throw invalidInput('activityId', `the chain ${entry.chainId} is no longer in the wallet`);
  try {
    // It may have been mined (or replaced) since the list was shown.
    const status =
      entry.status === 'pending'
        ? await settleOnce(
            watchTarget({ ...entry, hash: entry.hash }, chain.rpcUrl),
            services.rpc,
            services.activity,
          )
        : entry.status;
    if (status !== 'pending')
      throw invalidInput('activityId', `this transaction is no longer pending (${status})`);
    const original = fromSentTransaction(entry.tx, entry.chainId);
    const now = await suggestFees(chain, services.rpc, original.fees.type === 'legacy');
    const fees = replacementFees(original.fees, now);
    const tx =
      mode === 'speed-up'
        ? { ...original, fees }
        : { ...original, to: original.from, value: 0n, data: '0x' as const, gas: TRANSFER_GAS, fees };
    const summary =
      mode === 'speed-up'
        ? {
            review: `Speed up (nonce ${original.nonce}): ${entry.summary}`,
            activity: `Speed-up (nonce ${original.nonce}) of: ${entry.summary}`,
          }
        : {
            review: `Cancel (nonce ${original.nonce}): ${entry.summary}`,
            activity: `Cancel (nonce ${original.nonce}) of: ${entry.summary}`,
          };
    return { chain, tx, summary, replaces: { activityId, mode } };
  } catch (error) {
    throw chainFailure(error, chain);
  }
}
