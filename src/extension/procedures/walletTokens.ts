/** `wallet-tokens`: the selected chain's followed tokens with the selected account's balances. */

import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { builtInChains } from '../knownChains.ts';
import { tokensReply } from '../tokens/tokenReplies.ts';
import type { Procedure } from './procedure.ts';

export const walletTokens: Procedure<'wallet-tokens'> = {
  run: async (ctx) => {
    const owner = addressOfAccount(ctx.state.requireUnlocked().session, selectedAccount());
    return tokensReply(await ctx.db(), builtInChains(ctx.config.chains), owner, ctx.fetchFn);
  },
};
