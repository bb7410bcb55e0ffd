/** `wallet-factors`: the unlocked wallet's factors, with labels and where they were last used. */
import { factorList } from './factorList.ts';
import type { Procedure } from './procedure.ts';

export const walletFactors: Procedure<'wallet-factors'> = {
  run: async (ctx) => ({ ok: true, factors: await factorList(ctx) }),
};
