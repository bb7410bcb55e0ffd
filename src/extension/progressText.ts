/** Wallet-core progress → the event the popup shows ("Nodes answered 3/5"). */
import type { WalletProgressEvent } from '../messages/wallet.ts';
import type { Progress } from '../wallet/progress.ts';

export function progressEvent(progress: Progress): WalletProgressEvent {
  switch (progress.step) {
    case 'nodes':
      return {
        type: 'wallet-progress',
        step: 'nodes',
        text: `Nodes answered ${progress.answered}/${progress.total}`,
        done: progress.answered,
        total: progress.total,
      };
    case 'install':
      return {
        type: 'wallet-progress',
        step: 'install',
        text: `Nodes stored their shares ${progress.acked}/${progress.total}`,
        done: progress.acked,
        total: progress.total,
      };
    case 'record':
      return { type: 'wallet-progress', step: 'record', text: 'Reading your wallet record' };
    case 'factor':
      return { type: 'wallet-progress', step: 'factor', text: 'Checking your factor' };
    case 'create':
      return { type: 'wallet-progress', step: 'create', text: 'Creating your wallet' };
    case 'refresh':
      return { type: 'wallet-progress', step: 'refresh', text: 'Refreshing shares' };
    case 'write':
      return { type: 'wallet-progress', step: 'write', text: 'Saving the new record' };
    case 'done':
      return { type: 'wallet-progress', step: 'done', text: 'Done' };
  }
}
