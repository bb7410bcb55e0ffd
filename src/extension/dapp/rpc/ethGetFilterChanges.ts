/**
 * `eth_getFilterChanges`: params `[filterId]`; what this page's filter saw since its last
 * poll: block hashes (block filter) or logs (log filter). Another page's id, an expired
 * or unknown one: -32000 "filter not found", as a node answers.
 */
import * as v from 'valibot';
import { invalidParams } from '../errors.ts';
import { blocksOf, headOf, logsOf, newBlocks } from '../filters/changes.ts';
import { watchIdParam } from '../filters/idParam.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

export const ethGetFilterChanges: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([watchIdParam]), params, 'eth_getFilterChanges');
  const watch = services.watches.get(pageOf(context, 'eth_getFilterChanges'), id);
  if (watch.kind !== 'block-filter' && watch.kind !== 'log-filter')
    throw invalidParams('eth_getFilterChanges: params.0: that id is a subscription, not a filter');
  const numbers = newBlocks(watch, await headOf(services.rpc, watch.rpcUrl));
  if (watch.kind === 'log-filter') return logsOf(services.rpc, watch, numbers);
  return (await blocksOf(services.rpc, watch.rpcUrl, numbers)).map((block) => block.hash);
};
