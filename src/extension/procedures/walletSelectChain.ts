/** `wallet-select-chain`: the chain the popup and dApps use from now on. */

import { selectChainReply } from '../chainProcedures.ts';
import { builtInChains } from '../knownChains.ts';
import type { Procedure } from './procedure.ts';

export const walletSelectChain: Procedure<'wallet-select-chain'> = {
  run: async (ctx, m) => ({
    ok: true,
    chains: await selectChainReply(await ctx.db(), builtInChains(ctx.config.chains), m.chainId),
  }),
};
