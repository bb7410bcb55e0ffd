/** `eth_getFilterLogs`: params `[filterId]`; every log matching this page's log filter since its start (`fromBlock`, else install). */
import * as v from 'valibot';
import { invalidParams } from '../errors.ts';
import { headOf } from '../filters/changes.ts';
import { logQuery } from '../filters/criteria.ts';
import { watchIdParam } from '../filters/idParam.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

export const ethGetFilterLogs: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([watchIdParam]), params, 'eth_getFilterLogs');
  const watch = services.watches.get(pageOf(context, 'eth_getFilterLogs'), id);
  if (watch.kind !== 'log-filter') throw invalidParams('eth_getFilterLogs: params.0: not a log filter');
  const head = await headOf(services.rpc, watch.rpcUrl);
  const last = watch.last !== undefined && watch.last < head ? watch.last : head;
  // From its numbered start, or the block after it was installed (MetaMask: every result since install).
  if (watch.from > last) return [];
  const logs = await services.rpc(watch.rpcUrl, 'eth_getLogs', [logQuery(watch.criteria, watch.from, last)]);
  return Array.isArray(logs) ? logs : [];
};
