/** `wallet-remove-chain`: forget a user chain and its tokens; if it was in use, the first built-in chain is. */
import { removeChainReply } from '../chainProcedures.ts';
import { builtInChains } from '../knownChains.ts';
import type { Procedure } from './procedure.ts';

export const walletRemoveChain: Procedure<'wallet-remove-chain'> = {
  exclusive: true,
  run: async (ctx, m) => ({
    ok: true,
    chains: await removeChainReply(await ctx.db(), builtInChains(ctx.config.chains), m.chainId),
  }),
};
