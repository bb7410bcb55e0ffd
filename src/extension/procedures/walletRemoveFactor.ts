/**
 * `wallet-remove-factor`: a refresh (new shares for every other factor, a new dealing for the
 * nodes) with a recent login, renewed silently when it is old (session/login.ts).
 */
import { removeFactor } from '../../wallet/flows/removeFactor.ts';
import { deleteDeviceKey, deviceKeyPub } from '../deviceKey.ts';
import { cacheRecord } from '../recordCache.ts';
import { freshLogin } from '../session/login.ts';
import { factorList } from './factorList.ts';
import type { Procedure } from './procedure.ts';

export const walletRemoveFactor: Procedure<'wallet-remove-factor'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const u = ctx.state.requireNetwork();
    const db = await ctx.db();
    const auth = await freshLogin(ctx, u);
    await removeFactor({
      backend: ctx.backend,
      login: auth.login,
      session: u.session,
      factorPub: m.pub,
      onProgress: ctx.progress,
    });
    if ((await deviceKeyPub(db, u.session.P)) === m.pub) await deleteDeviceKey(db, u.session.P);
    await ctx.state.factorRemoved(m.pub);
    await cacheRecord(db, u.session.state, ctx.now());
    return { ok: true, factors: await factorList(ctx) };
  },
};
