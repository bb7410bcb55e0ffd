/** `wallet-add-token`: follow an ERC-20 on the selected chain, once the chain shows it is one. */

import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { builtInChains } from '../knownChains.ts';
import { addTokenReply } from '../tokens/tokenReplies.ts';
import type { Procedure } from './procedure.ts';

export const walletAddToken: Procedure<'wallet-add-token'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const owner = addressOfAccount(ctx.state.requireUnlocked().session, selectedAccount());
    return addTokenReply(
      await ctx.db(),
      builtInChains(ctx.config.chains),
      owner,
      m.address as `0x${string}`,
      ctx.fetchFn,
    );
  },
};
