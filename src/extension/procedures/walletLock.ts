/** `wallet-lock`: wipe k and m from memory and storage.session; forget any half-done login. */
import type { Procedure } from './procedure.ts';

export const walletLock: Procedure<'wallet-lock'> = {
  use: false,
  run: async (ctx) => {
    await ctx.state.lock();
    return { ok: true, ...(await ctx.state.status()) };
  },
};
