/** `wallet-remove-token`: stop following a token on the selected chain. */

import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { builtInChains } from '../knownChains.ts';
import { removeTokenReply } from '../tokens/tokenReplies.ts';
import type { Procedure } from './procedure.ts';

export const walletRemoveToken: Procedure<'wallet-remove-token'> = {
  exclusive: true,
  run: async (ctx, m) => {
    const owner = addressOfAccount(ctx.state.requireUnlocked().session, selectedAccount());
    return removeTokenReply(
      await ctx.db(),
      builtInChains(ctx.config.chains),
      owner,
      m.address as `0x${string}`,
      ctx.fetchFn,
    );
  },
};
