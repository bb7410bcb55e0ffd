/** `eth_newBlockFilter`: no params; `eth_getFilterChanges` then answers the hashes of blocks after the last poll. */
import * as v from 'valibot';
import { headOf } from '../filters/changes.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

export const ethNewBlockFilter: MethodHandler = async (params, context, services) => {
  paramsOf(v.strictTuple([]), params, 'eth_newBlockFilter');
  const page = pageOf(context, 'eth_newBlockFilter');
  const { rpcUrl } = await services.chains.selected();
  return services.watches.add(page, {
    kind: 'block-filter',
    rpcUrl,
    next: (await headOf(services.rpc, rpcUrl)) + 1n,
  });
};
