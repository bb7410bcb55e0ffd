/**
 * Follow a broadcast transaction until its receipt, and record the outcome in the
 * activity entry. Polls the chain's node; gives up (leaving the entry pending, resumed at
 * the next worker start) after a while.
 */
import type { Hex } from 'viem';
import type { ActivityLog, ChainRpc } from '../services.ts';

const POLL_MS = 1_000;
const GIVE_UP_MS = 10 * 60_000;

export type WatchTarget = { activityId: string; hash: Hex; rpcUrl: string };

export async function watchReceipt(
  target: WatchTarget,
  rpc: ChainRpc,
  activity: ActivityLog,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<'confirmed' | 'failed' | 'pending'> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    const receipt = (await rpc(target.rpcUrl, 'eth_getTransactionReceipt', [target.hash]).catch(
      () => null,
    )) as { status?: string } | null;
    if (receipt !== null && typeof receipt === 'object' && typeof receipt.status === 'string') {
      const status = receipt.status === '0x1' ? 'confirmed' : 'failed';
      await activity.update(target.activityId, { status });
      return status;
    }
    await sleep(POLL_MS);
  }
  return 'pending';
}
