/** `wallet-replace-prepare`: a speed-up or cancel of a pending send, for review (send/replace.ts). */
import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { prepareReplacement } from '../send/replace.ts';
import { reviewOf } from '../send/review.ts';
import { requireSendServices } from '../send/services.ts';
import type { Procedure } from './procedure.ts';

export const walletReplacePrepare: Procedure<'wallet-replace-prepare'> = {
  run: async (ctx, { activityId, mode }) => {
    const from = addressOfAccount(ctx.state.requireUnlocked().session, selectedAccount());
    const services = requireSendServices(ctx.sending);
    return reviewOf(await prepareReplacement(activityId, mode, from, services), services.rpc);
  },
};
