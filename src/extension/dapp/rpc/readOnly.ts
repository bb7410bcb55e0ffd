/**
 * Read-only chain methods, passed as they are to the selected chain's node. Only these:
 * nothing that signs, changes node state (`eth_sendRawTransaction` would let a page skip
 * the approval for a transaction someone else signed — harmless, but not our business),
 * subscribes or reaches into the node's admin interface.
 */
import * as v from 'valibot';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

export const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'eth_blockNumber',
  'eth_call',
  'eth_estimateGas',
  'eth_feeHistory',
  'eth_gasPrice',
  'eth_getBalance',
  'eth_getBlockByHash',
  'eth_getBlockByNumber',
  'eth_getBlockTransactionCountByHash',
  'eth_getBlockTransactionCountByNumber',
  'eth_getCode',
  'eth_getLogs',
  'eth_getProof',
  'eth_getStorageAt',
  'eth_getTransactionByBlockHashAndIndex',
  'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByHash',
  'eth_getTransactionCount',
  'eth_getTransactionReceipt',
  'eth_getUncleCountByBlockHash',
  'eth_getUncleCountByBlockNumber',
  'eth_maxPriorityFeePerGas',
  'eth_protocolVersion',
  'eth_syncing',
  'net_listening',
  'web3_clientVersion',
]);

const Positional = v.pipe(v.array(v.unknown()), v.maxLength(16));

export function readOnly(method: string): MethodHandler {
  return async (params, _context, services) => {
    const positional = paramsOf(Positional, params, method);
    const chain = await services.chains.selected();
    return services.rpc(chain.rpcUrl, method, positional);
  };
}
