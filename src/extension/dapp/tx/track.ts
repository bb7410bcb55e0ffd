/**
 * After a broadcast: record the send in the activity log with what was signed (so it can be
 * sped up or cancelled) and follow it to its receipt in the background.
 */
import type { Hex } from 'viem';
import type { ActivityEntry, Chain, DappServices } from '../services.ts';
import type { PreparedTransaction } from './build.ts';
import { watchReceipt, watchTarget } from './receipt.ts';
import { toSentTransaction } from './sent.ts';

export type TrackedSend = {
  chain: Chain;
  tx: PreparedTransaction;
  nonce: number;
  hash: Hex;
  /** The dApp's origin, or null for the wallet's own Send. */
  origin: string | null;
  summary: string;
};

/** Answers the new entry's id. */
export async function trackSend(
  services: Pick<DappServices, 'activity' | 'rpc'>,
  send: TrackedSend,
): Promise<string> {
  const entry: Omit<ActivityEntry, 'id'> = {
    kind: 'send',
    origin: send.origin,
    hash: send.hash,
    chainId: send.chain.chainId,
    status: 'pending',
    summary: send.summary,
    at: Date.now(),
    tx: toSentTransaction(send.tx, send.nonce),
  };
  const id = await services.activity.add(entry);
  void watchReceipt(
    watchTarget({ ...entry, id, hash: send.hash }, send.chain.rpcUrl),
    services.rpc,
    services.activity,
  ).catch((error) => console.error('receipt watch failed', error));
  return id;
}
