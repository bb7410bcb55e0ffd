/** `eth_accounts`: the account this site may see, lower case; `[]` when not connected or locked (never an error). */
import { forDapp } from '../accountCase.ts';
import { permittedAccounts } from '../permissions.ts';
import type { MethodHandler } from '../services.ts';

export const ethAccounts: MethodHandler = async (_params, context, services) =>
  forDapp(await permittedAccounts(services.permissions, context.origin, await services.keyring.address()));
