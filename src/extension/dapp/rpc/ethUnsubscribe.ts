/** `eth_unsubscribe`: params `[subscriptionId]`; true when this page had that subscription (now ended), else false. */
import * as v from 'valibot';
import { watchIdParam } from '../filters/idParam.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

export const ethUnsubscribe: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([watchIdParam]), params, 'eth_unsubscribe');
  const page = pageOf(context, 'eth_unsubscribe');
  try {
    const watch = services.watches.get(page, id);
    if (watch.kind !== 'newHeads' && watch.kind !== 'logs') return false;
  } catch {
    return false;
  }
  return services.watches.remove(page, id);
};
