/**
 * Follow a broadcast transaction until the chain settles it, and record the outcome in its
 * activity entry: `confirmed` / `failed` from its receipt, or — when its nonce was used by
 * another transaction (a speed-up or cancel that was mined instead, or the original that
 * beat its replacement) — `cancelled` if the entry was cancelled, else `replaced`.
 * Polls the chain's node; gives up after a while, leaving the entry pending: the next
 * worker start and the popup's Activity look again (`settleOnce`).
 */
import type { Address, Hex } from 'viem';
import type { ActivityEntry, ActivityLog, ChainRpc } from '../services.ts';

const POLL_MS = 1_000;
const GIVE_UP_MS = 10 * 60_000;

export type WatchTarget = {
  activityId: string;
  hash: Hex;
  rpcUrl: string;
  /** Sender and nonce (known for every send recorded with its transaction): tell a replaced one. */
  sender?: { from: Address; nonce: number };
};

export type Settled = ActivityEntry['status'];

/** The target for an entry with a hash (its `tx`, when kept, gives sender and nonce). */
export function watchTarget(entry: ActivityEntry & { hash: Hex }, rpcUrl: string): WatchTarget {
  return {
    activityId: entry.id,
    hash: entry.hash,
    rpcUrl,
    ...(entry.tx === undefined ? {} : { sender: { from: entry.tx.from, nonce: entry.tx.nonce } }),
  };
}

export async function watchReceipt(
  target: WatchTarget,
  rpc: ChainRpc,
  activity: ActivityLog,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Settled> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    const status = await settleOnce(target, rpc, activity);
    if (status !== 'pending') return status;
    await sleep(POLL_MS);
  }
  return 'pending';
}

/** One look at the chain; a settled outcome is written to the entry. */
export async function settleOnce(
  target: WatchTarget,
  rpc: ChainRpc,
  activity: ActivityLog,
): Promise<Settled> {
  const outcome = await chainOutcome(target, rpc);
  if (outcome === 'pending') return 'pending';
  const status: Settled =
    outcome === 'displaced'
      ? (await activity.get(target.activityId))?.replacedBy?.mode === 'cancel'
        ? 'cancelled'
        : 'replaced'
      : outcome;
  await activity.update(target.activityId, { status });
  return status;
}

async function chainOutcome(
  target: WatchTarget,
  rpc: ChainRpc,
): Promise<'confirmed' | 'failed' | 'displaced' | 'pending'> {
  // The mined count is read BEFORE the receipt: if our nonce was used by then and our receipt
  // is still missing after, another transaction took the nonce.
  const nonceUsed =
    target.sender === undefined
      ? false
      : await rpc(target.rpcUrl, 'eth_getTransactionCount', [target.sender.from, 'latest']).then(
          (count) => typeof count === 'string' && BigInt(count) > BigInt(target.sender!.nonce),
          () => false,
        );
  const receipt = (await rpc(target.rpcUrl, 'eth_getTransactionReceipt', [target.hash]).catch(
    () => null,
  )) as { status?: string } | null;
  if (receipt !== null && typeof receipt === 'object' && typeof receipt.status === 'string')
    return receipt.status === '0x1' ? 'confirmed' : 'failed';
  return nonceUsed ? 'displaced' : 'pending';
}
