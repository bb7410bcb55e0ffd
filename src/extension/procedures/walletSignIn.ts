/** `wallet-sign-in`: the OpenID login, then the nodes (session/login.ts). */
import { signIn } from '../session/login.ts';
import type { Procedure } from './procedure.ts';

export const walletSignIn: Procedure<'wallet-sign-in'> = {
  exclusive: true,
  run: async (ctx, m) => {
    await signIn(ctx, m.interactive, m.provider);
    return { ok: true, ...(await ctx.state.status()) };
  },
};
