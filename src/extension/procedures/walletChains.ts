/** `wallet-chains`: the built-in and added chains, the selected one marked. */

import { chainsReply } from '../chainProcedures.ts';
import { builtInChains } from '../knownChains.ts';
import type { Procedure } from './procedure.ts';

export const walletChains: Procedure<'wallet-chains'> = {
  run: async (ctx) => ({
    ok: true,
    chains: await chainsReply(await ctx.db(), builtInChains(ctx.config.chains)),
  }),
};
