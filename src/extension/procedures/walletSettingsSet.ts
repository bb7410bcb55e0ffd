/** `wallet-settings-set`: the auto-lock delay; an unlocked wallet locks that long from now. */
import { setSetting } from '../settings.ts';
import type { Procedure } from './procedure.ts';

export const walletSettingsSet: Procedure<'wallet-settings-set'> = {
  run: async (ctx, m) => {
    await setSetting(await ctx.db(), 'autoLockMinutes', m.autoLockMinutes);
    await ctx.state.relock();
    return { ok: true, ...(await ctx.state.status()) };
  },
};
