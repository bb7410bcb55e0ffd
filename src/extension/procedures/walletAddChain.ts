/** `wallet-add-chain`: a user chain from Settings → Chains, its RPC checked first. */
import { saveChainReply } from '../chainProcedures.ts';
import { builtInChains } from '../knownChains.ts';
import type { Procedure } from './procedure.ts';

export const walletAddChain: Procedure<'wallet-add-chain'> = {
  exclusive: true,
  run: async (ctx, m) => ({
    ok: true,
    chains: await saveChainReply(
      await ctx.db(),
      builtInChains(ctx.config.chains),
      m.chain,
      false,
      ctx.fetchFn,
    ),
  }),
};
