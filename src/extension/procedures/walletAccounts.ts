/** `wallet-accounts`: the wallet's accounts (names from the record's private part) and the one selected here. */
import { accountViews } from '../session/accountViews.ts';
import type { Procedure } from './procedure.ts';

export const walletAccounts: Procedure<'wallet-accounts'> = {
  run: async (ctx) => ({ ok: true, accounts: accountViews(ctx.state.requireUnlocked().session) }),
};
