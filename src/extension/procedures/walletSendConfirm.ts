/** `wallet-send-confirm`: sign and broadcast a reviewed send or replacement (send/confirmSend.ts). */
import { confirmSend } from '../send/confirmSend.ts';
import { sendDrafts } from '../send/draft.ts';
import { requireSendServices } from '../send/services.ts';
import type { Procedure } from './procedure.ts';

export const walletSendConfirm: Procedure<'wallet-send-confirm'> = {
  run: async (ctx, { id }) => {
    ctx.state.requireUnlocked();
    const services = requireSendServices(ctx.sending);
    return { ok: true, ...(await confirmSend(sendDrafts.take(id), services)) };
  },
};
