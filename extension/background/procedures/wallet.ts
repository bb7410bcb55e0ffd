import type { WalletMessage, WalletReplies } from '../../../src/messages/wallet.ts';
import { wallet } from '../wallet.ts';

/** Every wallet procedure (src/messages/wallet.ts) goes to the wallet service. */
export function walletProcedure<M extends WalletMessage>(message: M): Promise<WalletReplies[M['type']]> {
  return wallet.handle(message);
}
