/**
 * `wallet_getCallsStatus` (EIP-5792): `[id]` of a batch this site sent → its status and the
 * receipts mined so far (calls/status.ts), following a speed-up or cancel made in the popup
 * (the activity entry notes it). Another site's id is unknown (5730): a batch's transactions
 * are the sending site's business.
 */
import * as v from 'valibot';
import type { Hex } from 'viem';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import type { CallBatch } from '../calls/batch.ts';
import { callsIdParam } from '../calls/params.ts';
import { type CallOutcome, callReceipt, callsStatus } from '../calls/status.ts';
import { ProviderError } from '../errors.ts';
import { paramsOf } from '../params.ts';
import type { ActivityEntry, DappContext, DappServices, MethodHandler } from '../services.ts';

export const walletGetCallsStatus: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([callsIdParam]), params, 'wallet_getCallsStatus');
  const batch = await knownBatch(id, 'wallet_getCallsStatus', context, services);
  const chain = await services.chains.get(batch.chainId);
  if (chain === undefined)
    throw new ProviderError(
      ProviderErrorCode.chainDisconnected,
      `wallet_getCallsStatus: the batch's chain ${BigInt(batch.chainId)} was removed from Trine.`,
    );
  const outcomes = await Promise.all(
    batch.hashes.map(async (hash, i) => {
      const id = batch.activityIds?.[i];
      const entry = id === undefined ? undefined : await services.activity.get(id);
      return callOutcome(services, chain.rpcUrl, hash, entry);
    }),
  );
  return callsStatus(batch, outcomes);
};

/**
 * One call: its own receipt, else (sped up in the popup) its replacement's; a cancel that
 * took its nonce drops it.
 */
async function callOutcome(
  services: DappServices,
  rpcUrl: string,
  hash: Hex,
  entry: ActivityEntry | undefined,
): Promise<CallOutcome> {
  const receiptOf = (h: Hex) =>
    services.rpc(rpcUrl, 'eth_getTransactionReceipt', [h]).then(callReceipt, () => null);
  const replacement = entry?.replacedBy;
  const [own, replaced] = await Promise.all([
    receiptOf(hash),
    replacement === undefined ? null : receiptOf(replacement.hash),
  ]);
  if (own !== null) return own;
  if (replaced !== null) return replacement?.mode === 'speed-up' ? replaced : 'dropped';
  return 'pending';
}

/** The batch `id` of this origin, or 5730. */
export async function knownBatch(
  id: string,
  method: string,
  context: DappContext,
  services: DappServices,
): Promise<CallBatch> {
  const batch = await services.batches.get(context.origin, id);
  if (batch === undefined)
    throw new ProviderError(
      ProviderErrorCode.unknownCallsId,
      `${method}: no batch with id ${JSON.stringify(id.slice(0, 100))} from this site.`,
    );
  return batch;
}
