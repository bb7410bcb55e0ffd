/** `wallet-send-prepare`: check a send typed in the popup and build it for review (send/prepareSend.ts). */
import { addressOfAccount, selectedAccount } from '../keyring.ts';
import { prepareSend } from '../send/prepareSend.ts';
import { reviewOf } from '../send/review.ts';
import { requireSendServices } from '../send/services.ts';
import type { Procedure } from './procedure.ts';

export const walletSendPrepare: Procedure<'wallet-send-prepare'> = {
  run: async (ctx, { to, amount, token }) => {
    const from = addressOfAccount(ctx.state.requireUnlocked().session, selectedAccount());
    const services = requireSendServices(ctx.sending);
    return reviewOf(await prepareSend({ to, amount, token }, from, services), services.rpc);
  },
};
