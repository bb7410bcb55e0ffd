/** `wallet-activity`: what the wallet did (sends, signatures, connections), newest first. */
import { activityReply } from '../chainProcedures.ts';
import type { Procedure } from './procedure.ts';

export const walletActivity: Procedure<'wallet-activity'> = {
  run: async (ctx) => ({ ok: true, items: await activityReply(await ctx.db()) }),
};
