/** `wallet-balance`: the selected account's balance on the selected chain. */

import { balanceReply } from '../chainProcedures.ts';
import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { builtInChains } from '../knownChains.ts';
import type { Procedure } from './procedure.ts';

export const walletBalance: Procedure<'wallet-balance'> = {
  run: async (ctx) => {
    const address = addressOfAccount(ctx.state.requireUnlocked().session, selectedAccount());
    return balanceReply(await ctx.db(), builtInChains(ctx.config.chains), address, ctx.fetchFn);
  },
};
