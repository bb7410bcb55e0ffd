/** `eth_accounts`: the account this site may see; `[]` when not connected or locked (never an error). */
import { permittedAccounts } from '../permissions.ts';
import type { MethodHandler } from '../services.ts';

export const ethAccounts: MethodHandler = async (_params, context, services) =>
  permittedAccounts(services.permissions, context.origin, await services.keyring.address());
