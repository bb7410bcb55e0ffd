/**
 * What the provider methods need from the rest of the background, as narrow interfaces.
 * `background.ts` wires them to the real wallet service, storage and browser APIs; unit
 * tests give them in-memory stores and a real chain.
 */
import type { Address, Hex } from 'viem';
import type { ActivityEntry } from '../db.ts';
import type { TokenWatchlist } from '../tokens/watchlist.ts';
import type { CallBatchStore } from './calls/batch.ts';
import type { PageLink, WatchRegistry } from './filters/registry.ts';
import type { SubscriptionPoller } from './filters/subscriptions.ts';
import type { PermissionStore } from './permissions.ts';
import type { ApprovalQueue } from './queue.ts';
import type { NonceTracker } from './tx/nonce.ts';

/** A chain the wallet knows. `chainId` is EIP-1193 hex (lower case, no leading zeros). */
export type Chain = {
  chainId: Hex;
  name: string;
  rpcUrl: string;
  symbol: string;
  explorerUrl?: string | null;
};

export type ChainRegistry = {
  /** The chain dApps are connected to now. */
  selected(): Promise<Chain>;
  get(chainId: Hex): Promise<Chain | undefined>;
  add(chain: Chain): Promise<void>;
  /** Select a known chain; connected sites get `chainChanged` from the registry. */
  select(chainId: Hex): Promise<void>;
};

export type Keyring = {
  /** The unlocked account, or null when the wallet is locked. */
  address(): Promise<Address | null>;
  /** Run `use` with the signing key k (0x-hex, 32 bytes); throws the locked error when locked. */
  withSigningKey<T>(use: (privateKey: Hex) => Promise<T>): Promise<T>;
};

export type { ActivityEntry } from '../db.ts';

export type ActivityLog = {
  /** Record an entry; answers its id. */
  add(entry: Omit<ActivityEntry, 'id'>): Promise<string>;
  get(id: string): Promise<ActivityEntry | undefined>;
  update(id: string, patch: Partial<Pick<ActivityEntry, 'status' | 'summary' | 'replacedBy'>>): Promise<void>;
  /** Entries still waiting for a receipt (to resume watching after a worker restart). */
  pending(): Promise<ActivityEntry[]>;
};

export type ProviderEventSink = {
  /** Send an event to every tab of `origin` that talked to us. */
  toOrigin(
    origin: string,
    event: 'accountsChanged' | 'chainChanged' | 'connect' | 'disconnect',
    data: unknown,
  ): Promise<void>;
  /** Send an event to every tab of every connected origin. */
  toConnected(event: 'accountsChanged' | 'chainChanged', data: unknown): Promise<void>;
};

/** JSON-RPC to a chain's node. Errors are `ProviderError`s a page may see. */
export type ChainRpc = (rpcUrl: string, method: string, params: readonly unknown[]) => Promise<unknown>;

export type DappServices = {
  keyring: Keyring;
  permissions: PermissionStore;
  chains: ChainRegistry;
  /** The tokens the user follows (`wallet_watchAsset`). */
  tokens: TokenWatchlist;
  approvals: ApprovalQueue;
  activity: ActivityLog;
  events: ProviderEventSink;
  rpc: ChainRpc;
  nonces: NonceTracker;
  /** Filters and subscriptions of every page (emulated over the chain's node). */
  watches: WatchRegistry;
  subscriptions: SubscriptionPoller;
  /** Show the user how to unlock (a request needed the key while the wallet was locked). */
  promptUnlock(): Promise<void>;
  /** EIP-5792 batches sent by sites (`wallet_sendCalls`), kept for their status. */
  batches: CallBatchStore;
  /** Open Trine where the user sees the activity (`wallet_showCallsStatus`). */
  showActivity(): Promise<void>;
};

/**
 * Who is asking: the origin (of the frame that asked) comes from the browser's sender
 * information, never from the page; `page` is that frame's document, for what belongs to
 * one page only (filters, subscriptions).
 */
export type DappContext = { origin: string; page?: PageLink };

export type MethodHandler = (
  params: readonly unknown[] | Record<string, unknown> | undefined,
  context: DappContext,
  services: DappServices,
) => Promise<unknown>;
