/** `wallet-edit-chain`: change a user chain (not its id); the RPC is checked again. */
import { saveChainReply } from '../chainProcedures.ts';
import { builtInChains } from '../knownChains.ts';
import type { Procedure } from './procedure.ts';

export const walletEditChain: Procedure<'wallet-edit-chain'> = {
  exclusive: true,
  run: async (ctx, m) => ({
    ok: true,
    chains: await saveChainReply(
      await ctx.db(),
      builtInChains(ctx.config.chains),
      m.chain,
      true,
      ctx.fetchFn,
    ),
  }),
};
