/**
 * `wallet-recover`: two factors, no nodes: the key from this browser's cached record or the
 * metadata server's. The wallet opens with `network: false` (no factor management until a
 * sign-in).
 */
import { TrineError } from '../../errors/index.ts';
import { recoverWallet } from '../recoverWallet.ts';
import { enterWallet } from '../session/enterWallet.ts';
import { getSetting } from '../settings.ts';
import type { Procedure } from './procedure.ts';

export const walletRecover: Procedure<'wallet-recover'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const { state } = ctx;
    if (state.unlocked() !== null)
      throw new TrineError({
        code: 'invalid-input',
        message: 'the wallet is already unlocked: lock it first to recover with two factors',
      });
    const generation = state.generation;
    const db = await ctx.db();
    ctx.progress({ step: 'record' });
    const session = await recoverWallet({
      db,
      network: ctx.config.network,
      first: m.first,
      second: m.second,
    });
    if (generation !== state.generation) {
      session.lock(); // the user locked while this ran
      return { ok: true, ...(await state.status()) };
    }
    // No sign-in happened: name the wallet as this browser last knew it, if it is the same.
    const last = await getSetting(db, 'lastWallet');
    const email = last?.P === session.P ? last.email : null;
    await enterWallet(ctx, session, { auth: null, factorPub: null, network: false, email });
    ctx.progress({ step: 'done' });
    return { ok: true, ...(await state.status()) };
  },
};
