/** `wallet-status`: where the wallet is (signed out, waiting for a factor or a registration, unlocked). */
import type { Procedure } from './procedure.ts';

export const walletStatus: Procedure<'wallet-status'> = {
  use: false,
  run: async (ctx) => ({ ok: true, ...(await ctx.state.status()) }),
};
