/** `wallet-add-factor`: one more factor (a CAS write of the record); needs a wallet unlocked with the nodes. */
import { enrolFactor } from '../enrolFactor.ts';
import { cacheRecord } from '../recordCache.ts';
import { factorList } from './factorList.ts';
import type { Procedure } from './procedure.ts';

export const walletAddFactor: Procedure<'wallet-add-factor'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const u = ctx.state.requireNetwork();
    const db = await ctx.db();
    const recoveryPhrase = await enrolFactor(db, ctx.backend, u.session, m.factor, ctx.now);
    await ctx.state.recordChanged();
    await cacheRecord(db, u.session.state, ctx.now());
    return { ok: true, factors: await factorList(ctx), recoveryPhrase };
  },
};
