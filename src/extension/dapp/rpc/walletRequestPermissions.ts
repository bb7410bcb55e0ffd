/**
 * `wallet_requestPermissions` (EIP-2255): only `eth_accounts` exists here. Always asks the
 * user (a site may use it to let the user pick again), then answers the granted permission.
 */
import * as v from 'valibot';
import { paramsOf } from '../params.ts';
import { toEip2255 } from '../permissions.ts';
import type { MethodHandler } from '../services.ts';
import { connectSite } from './connect.ts';

export const PermissionRequest = v.tuple([
  v.pipe(
    v.record(v.string(), v.record(v.string(), v.unknown())),
    v.check(
      (r) => Object.keys(r).length === 1 && 'eth_accounts' in r,
      'only { eth_accounts: {} } is supported',
    ),
  ),
]);

export const walletRequestPermissions: MethodHandler = async (params, context, services) => {
  paramsOf(PermissionRequest, params, 'wallet_requestPermissions');
  await connectSite(context, services);
  const granted = await services.permissions.get(context.origin);
  return granted === undefined ? [] : [toEip2255(granted)];
};
