/**
 * EIP-5792 batches as Trine keeps them: which site sent which calls, and the hashes of the
 * transactions they became, so `wallet_getCallsStatus` answers after a service-worker
 * restart. Kept in the `settings` store under one key (no schema migration), newest
 * `MAX_KEPT` only, written in one read-write transaction so two batches never lose each other.
 */
import type { Address, Hex } from 'viem';
import type { WalletDb } from '../../db.ts';

export type CallBatch = {
  /** The dApp's id, or ours (0x + 32 random bytes). Unique per origin. */
  id: string;
  origin: string;
  chainId: Hex;
  from: Address;
  /** How many calls the dApp sent. */
  callCount: number;
  /** Hashes of the transactions sent, in call order; fewer than `callCount` when sending stopped. */
  hashes: Hex[];
  /** Why sending stopped before the last call, if it did. */
  error: string | null;
  /** The activity entry of each sent call (a speed-up or cancel from the popup is noted there). */
  activityIds?: string[];
  at: number;
};

export type CallBatchStore = {
  /** Keep `batch`; false when this origin already has a batch with its id. */
  add(batch: CallBatch): Promise<boolean>;
  get(origin: string, id: string): Promise<CallBatch | undefined>;
};

export const MAX_KEPT = 200;
const KEY = 'eip5792Batches';

/** A store in memory, for tests. */
export function memoryCallBatchStore(): CallBatchStore {
  const batches: CallBatch[] = [];
  return {
    add: async (batch) => {
      if (batches.some((b) => b.origin === batch.origin && b.id === batch.id)) return false;
      batches.push(batch);
      if (batches.length > MAX_KEPT) batches.splice(0, batches.length - MAX_KEPT);
      return true;
    },
    get: async (origin, id) => batches.find((b) => b.origin === origin && b.id === id),
  };
}

/** The wallet's IndexedDB (`settings` store, key `eip5792Batches`). */
export function storedCallBatches(db: () => Promise<WalletDb>): CallBatchStore {
  return {
    add: async (batch) => {
      const tx = (await db()).transaction('settings', 'readwrite');
      const kept = ((await tx.store.get(KEY)) as CallBatch[] | undefined) ?? [];
      if (kept.some((b) => b.origin === batch.origin && b.id === batch.id)) {
        await tx.done;
        return false;
      }
      await tx.store.put([...kept, batch].slice(-MAX_KEPT), KEY);
      await tx.done;
      return true;
    },
    get: async (origin, id) => {
      const kept = ((await (await db()).get('settings', KEY)) as CallBatch[] | undefined) ?? [];
      return kept.find((b) => b.origin === origin && b.id === id);
    },
  };
}
