/** `wallet_getPermissions` (EIP-2255): what this origin holds; `[]` when not connected. */
import { toEip2255 } from '../permissions.ts';
import type { MethodHandler } from '../services.ts';

export const walletGetPermissions: MethodHandler = async (_params, context, services) => {
  const granted = await services.permissions.get(context.origin);
  return granted === undefined ? [] : [toEip2255(granted)];
};
