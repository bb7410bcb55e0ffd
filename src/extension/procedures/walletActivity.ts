/**
 * `wallet-activity`: what the wallet did (sends, signatures, connections), newest first;
 * pending sends are looked up on their chain first (send/activityList.ts). Answers while
 * locked too (then nothing is offered for speed up or cancel).
 */
import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { activityList } from '../send/activityList.ts';
import type { Procedure } from './procedure.ts';

export const walletActivity: Procedure<'wallet-activity'> = {
  run: async (ctx) => {
    const unlocked = ctx.state.unlocked();
    const account = unlocked === null ? null : addressOfAccount(unlocked.session, selectedAccount());
    return { ok: true, items: await activityList(await ctx.db(), ctx.sending?.(), account) };
  },
};
