import type { ActivityView } from '../../../../src/messages/wallet.ts';

/** What each status means, in one line. */
export const statusText: Record<ActivityView['status'], string> = {
  pending: 'Waiting to be included in a block.',
  confirmed: 'Included in a block.',
  failed: 'Included in a block, but it failed (reverted): only the fee was spent.',
  replaced: 'Another transaction with the same nonce was mined instead (a speed-up).',
  cancelled: 'Cancelled: a 0-value transaction with the same nonce was mined instead.',
  done: 'Done.',
};
