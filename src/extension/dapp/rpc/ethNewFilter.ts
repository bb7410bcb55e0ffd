/**
 * `eth_newFilter`: params `[criteria]` (address, topics, fromBlock, toBlock); a log filter
 * kept by the wallet for this page, on the selected chain. `eth_getFilterChanges` then
 * answers the matching logs of blocks after the last poll (from `fromBlock` when it is a
 * number, else from the next block).
 */
import * as v from 'valibot';
import { headOf } from '../filters/changes.ts';
import { blockNumberOf, FilterCriteria } from '../filters/criteria.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

const Params = v.tuple([FilterCriteria]);

export const ethNewFilter: MethodHandler = async (params, context, services) => {
  const [{ fromBlock, toBlock, ...criteria }] = paramsOf(Params, params, 'eth_newFilter');
  const page = pageOf(context, 'eth_newFilter');
  const { rpcUrl } = await services.chains.selected();
  const head = await headOf(services.rpc, rpcUrl);
  const from = blockNumberOf(fromBlock) ?? head + 1n;
  return services.watches.add(page, {
    kind: 'log-filter',
    rpcUrl,
    criteria,
    from,
    next: from,
    last: blockNumberOf(toBlock),
  });
};
