/**
 * `wallet-add-account`: one more account from the same key: a CAS write of the record's
 * private part (no new share), so every device of the wallet sees it. It is not selected.
 */
import { addAccount } from '../../wallet/flows/addAccount.ts';
import { cacheRecord } from '../recordCache.ts';
import { accountViews } from '../session/accountViews.ts';
import type { Procedure } from './procedure.ts';

export const walletAddAccount: Procedure<'wallet-add-account'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const { session } = ctx.state.requireUnlocked();
    const { state, account } = await addAccount(ctx.backend, session, m.name);
    await ctx.state.recordChanged();
    await cacheRecord(await ctx.db(), state, ctx.now());
    const accounts = accountViews(session);
    return { ok: true, accounts, added: accounts.find((a) => a.index === account.index)! };
  },
};
