/**
 * The provider methods' services with in-memory stores and a real chain, for tests: the
 * approval queue is the real one, decided by the test through `approve`/`reject`.
 */
import type { Address, Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { memoryCallBatchStore } from '../../../src/extension/dapp/calls/batch.ts';
import { chainRpc } from '../../../src/extension/dapp/chainRpc.ts';
import { lockedError } from '../../../src/extension/dapp/errors.ts';
import { WatchRegistry } from '../../../src/extension/dapp/filters/registry.ts';
import { SubscriptionPoller } from '../../../src/extension/dapp/filters/subscriptions.ts';
import { memoryPermissionStore } from '../../../src/extension/dapp/permissions.ts';
import { ApprovalQueue } from '../../../src/extension/dapp/queue.ts';
import type { ActivityEntry, Chain, DappServices } from '../../../src/extension/dapp/services.ts';
import { NonceTracker } from '../../../src/extension/dapp/tx/nonce.ts';
import { memoryWatchlist } from '../../../src/extension/tokens/watchlist.ts';

export type TestServices = DappServices & {
  events: DappServices['events'] & { sent: { origin: string | '*'; event: string; data: unknown }[] };
  entries: ActivityEntry[];
  lock(): void;
  /** Decide the oldest waiting request once one is there. */
  next(approve: boolean): Promise<void>;
  address: Address;
};

export function memoryServices(options: { key: Hex; chains: Chain[] }): TestServices {
  let unlocked = true;
  const address = privateKeyToAddress(options.key);
  const chains = [...options.chains];
  let selected = chains[0]!.chainId;
  const approvals = new ApprovalQueue();
  const entries: ActivityEntry[] = [];
  const sent: TestServices['events']['sent'] = [];
  const watches = new WatchRegistry();
  return {
    watches,
    subscriptions: new SubscriptionPoller(watches, chainRpc),
    address,
    entries,
    lock: () => {
      unlocked = false;
    },
    next: async (approve) => {
      for (let i = 0; i < 200 && approvals.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const first = approvals.list()[0];
      if (first === undefined) throw new Error('nothing is waiting for approval');
      approvals.decide(first.id, approve);
    },
    keyring: {
      address: async () => (unlocked ? address : null),
      withSigningKey: async (use) => {
        if (!unlocked) throw lockedError();
        return use(options.key);
      },
    },
    permissions: memoryPermissionStore(),
    chains: {
      selected: async () => chains.find((c) => c.chainId === selected)!,
      get: async (chainId) => chains.find((c) => c.chainId === chainId),
      add: async (chain) => {
        chains.push(chain);
      },
      // As the real registry does (onChainSelected → connected sites).
      select: async (chainId) => {
        if (selected !== chainId) sent.push({ origin: '*', event: 'chainChanged', data: chainId });
        selected = chainId;
      },
    },
    approvals,
    tokens: memoryWatchlist(),
    activity: {
      add: async (entry) => {
        const id = String(entries.length + 1);
        entries.push({ ...entry, id });
        return id;
      },
      get: async (id) => entries.find((e) => e.id === id),
      update: async (id, patch) => {
        const entry = entries.find((e) => e.id === id);
        if (entry !== undefined) Object.assign(entry, patch);
      },
      pending: async () => entries.filter((e) => e.status === 'pending'),
    },
    events: {
      sent,
      toOrigin: async (origin, event, data) => {
        sent.push({ origin, event, data });
      },
      toConnected: async (event, data) => {
        sent.push({ origin: '*', event, data });
      },
    },
    rpc: chainRpc,
    nonces: new NonceTracker(),
    promptUnlock: async () => {},
    batches: memoryCallBatchStore(),
    showActivity: async () => {},
  };
}
