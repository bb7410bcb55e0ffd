/**
 * Sign and broadcast a send the user reviewed, as the selected account, through the same
 * nonce tracker and keyring as dApp transactions; record it in the activity list with what
 * was signed and follow its receipt. A replacement marks its original (`replacedBy`) after
 * signing and before broadcasting, so whoever sees the nonce used knows what happened.
 */
import type { Hex } from 'viem';
import { invalidInput } from '../../errors/index.ts';
import { broadcastTransaction } from '../dapp/tx/broadcast.ts';
import { trackSend } from '../dapp/tx/track.ts';
import { chainFailure } from './chainFailure.ts';
import type { SendDraft } from './draft.ts';
import type { SendServices } from './services.ts';

export async function confirmSend(
  draft: SendDraft,
  services: SendServices,
): Promise<{ hash: Hex; activityId: string }> {
  const { chain, tx, replaces } = draft;
  const signer = await services.keyring.address();
  if (signer === null || signer.toLowerCase() !== tx.from.toLowerCase())
    throw invalidInput(
      'id',
      `this send is from ${tx.from}, which is not the account in use: prepare it again`,
    );
  const markOriginal =
    replaces === null
      ? undefined
      : (hash: Hex) =>
          services.activity.update(replaces.activityId, { replacedBy: { hash, mode: replaces.mode } });
  let sent: { hash: Hex; nonce: number };
  try {
    sent = await broadcastTransaction(services, chain, tx, markOriginal);
  } catch (error) {
    throw chainFailure(error, chain, 'the transaction was not accepted');
  }
  const activityId = await trackSend(services, {
    chain,
    tx,
    nonce: sent.nonce,
    hash: sent.hash,
    origin: null,
    summary: draft.summary.activity,
  });
  return { hash: sent.hash, activityId };
}
