/** `wallet-unlock`: the pending login's network share plus one factor the user proves. */

import { loadDeviceKey } from '../deviceKey.ts';
import { proofFromInput } from '../factorInput.ts';
import { unlockWith } from '../session/login.ts';
import type { Procedure } from './procedure.ts';

export const walletUnlock: Procedure<'wallet-unlock'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const pending = ctx.state.requirePending('needs-factor');
    const db = await ctx.db();
    const proof = await proofFromInput(m.proof, () => loadDeviceKey(db, pending.share.P));
    try {
      await unlockWith(ctx, pending, proof);
    } finally {
      if (proof.kind === 'key') proof.factorKey.fill(0);
    }
    return { ok: true, ...(await ctx.state.status()) };
  },
};
