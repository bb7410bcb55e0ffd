/** `wallet-register`: a new wallet for a login the nodes do not know (session/login.ts). */
import { registerWallet } from '../session/login.ts';
import type { Procedure } from './procedure.ts';

export const walletRegister: Procedure<'wallet-register'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const pending = ctx.state.requirePending('needs-registration');
    const recoveryPhrase = await registerWallet(ctx, pending, m.first, m.withRecoveryPhrase);
    return { ok: true, recoveryPhrase, ...(await ctx.state.status()) };
  },
};
