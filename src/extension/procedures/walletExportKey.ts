/** `wallet-export-key`: the private key, after the user proves a factor again (exportKey.ts). */
import { exportKey } from '../exportKey.ts';
import type { Procedure } from './procedure.ts';

export const walletExportKey: Procedure<'wallet-export-key'> = {
  exclusive: true,
  run: async (ctx, m) => ({
    ok: true,
    privateKey: await exportKey(ctx.state.requireUnlocked().session, m.proof),
  }),
};
