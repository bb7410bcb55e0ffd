/**
 * `wallet_getCallsStatus` (EIP-5792): `[id]` of a batch this site sent → its status and the
 * receipts mined so far (calls/status.ts). Another site's id is unknown (5730): a batch's
 * transactions are the sending site's business.
 */
import * as v from 'valibot';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import type { CallBatch } from '../calls/batch.ts';
import { callsIdParam } from '../calls/params.ts';
import { callReceipt, callsStatus } from '../calls/status.ts';
import { ProviderError } from '../errors.ts';
import { paramsOf } from '../params.ts';
import type { DappContext, DappServices, MethodHandler } from '../services.ts';

export const walletGetCallsStatus: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([callsIdParam]), params, 'wallet_getCallsStatus');
  const batch = await knownBatch(id, 'wallet_getCallsStatus', context, services);
  const chain = await services.chains.get(batch.chainId);
  if (chain === undefined)
    throw new ProviderError(
      ProviderErrorCode.chainDisconnected,
      `wallet_getCallsStatus: the batch's chain ${BigInt(batch.chainId)} was removed from Trine.`,
    );
  const receipts = await Promise.all(
    batch.hashes.map((hash) =>
      services.rpc(chain.rpcUrl, 'eth_getTransactionReceipt', [hash]).then(callReceipt, () => null),
    ),
  );
  return callsStatus(batch, receipts);
};

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
