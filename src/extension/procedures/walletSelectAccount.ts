/**
 * `wallet-select-account`: this browser signs with account `index` from now on (a device
 * setting); connected sites hear `accountsChanged` as they would at an unlock — only a site
 * granted that account learns its address.
 */
import { accountViews } from '../session/accountViews.ts';
import type { Procedure } from './procedure.ts';

export const walletSelectAccount: Procedure<'wallet-select-account'> = {
  exclusive: true,
  run: async (ctx, m) => {
    await ctx.state.selectAccount(m.index);
    return { ok: true, accounts: accountViews(ctx.state.requireUnlocked().session) };
  },
};
