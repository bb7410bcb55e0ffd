/**
 * `eth_requestAccounts` (EIP-1102): the site's account (lower case, as MetaMask answers),
 * asking the user to connect the site first if it is not. Locked wallet: 4100 with
 * `data.reason = 'locked'`, and the popup is opened so the user can unlock.
 */
import { forDapp } from '../accountCase.ts';
import { permittedAccounts } from '../permissions.ts';
import type { MethodHandler } from '../services.ts';
import { connectSite } from './connect.ts';

export const ethRequestAccounts: MethodHandler = async (_params, context, services) => {
  const address = await services.keyring.address();
  if (address !== null) {
    const accounts = await permittedAccounts(services.permissions, context.origin, address);
    if (accounts.length > 0) return forDapp(accounts);
  }
  return forDapp([await connectSite(context, services)]);
};
