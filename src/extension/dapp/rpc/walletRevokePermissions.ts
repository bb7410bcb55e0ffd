/**
 * `wallet_revokePermissions` (MetaMask's extension of EIP-2255): the site disconnects
 * itself. Its tabs get `accountsChanged` with `[]`. Needs no approval: it only takes away.
 */
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { PermissionRequest } from './walletRequestPermissions.ts';

export const walletRevokePermissions: MethodHandler = async (params, context, services) => {
  paramsOf(PermissionRequest, params, 'wallet_revokePermissions');
  if ((await services.permissions.get(context.origin)) === undefined) return null;
  await services.permissions.remove(context.origin);
  await services.events.toOrigin(context.origin, 'accountsChanged', []);
  return null;
};
