/** `wallet-rename-account`: a new name for an account, written to the record's private part (CAS). */
import { renameAccount } from '../../wallet/flows/renameAccount.ts';
import { cacheRecord } from '../recordCache.ts';
import { accountViews } from '../session/accountViews.ts';
import type { Procedure } from './procedure.ts';

export const walletRenameAccount: Procedure<'wallet-rename-account'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const { session } = ctx.state.requireUnlocked();
    const state = await renameAccount(ctx.backend, session, m.index, m.name);
    await ctx.state.recordChanged();
    await cacheRecord(await ctx.db(), state, ctx.now());
    return { ok: true, accounts: accountViews(session) };
  },
};
