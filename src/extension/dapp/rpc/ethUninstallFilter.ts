/** `eth_uninstallFilter`: params `[filterId]`; true when this page had that filter (now gone), else false. */
import * as v from 'valibot';
import { watchIdParam } from '../filters/idParam.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

export const ethUninstallFilter: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([watchIdParam]), params, 'eth_uninstallFilter');
  const page = pageOf(context, 'eth_uninstallFilter');
  try {
    const watch = services.watches.get(page, id);
    if (watch.kind !== 'block-filter' && watch.kind !== 'log-filter') return false;
  } catch {
    return false;
  }
  return services.watches.remove(page, id);
};
