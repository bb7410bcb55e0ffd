/** `wallet-balance`: the unlocked address's balance on the selected chain. */
import { balanceReply } from '../chainProcedures.ts';
import type { Procedure } from './procedure.ts';

export const walletBalance: Procedure<'wallet-balance'> = {
  run: async (ctx) => {
    const { address } = ctx.state.requireUnlocked().session;
    return balanceReply(await ctx.db(), ctx.config.chains, address, ctx.fetchFn);
  },
};
