/**
 * The dApp side of the background, wired to the real parts: the wallet's keyring, the
 * IndexedDB stores (permissions, chains, activity), the approval window and the tabs.
 * `extension/background/provider.ts` creates one per worker start.
 */
import { bytesToHex, type Hex } from 'viem';
import browser, { type Runtime } from 'webextension-polyfill';
import { isTrineError } from '../../errors/index.ts';
import type { WalletActivityChangedEvent } from '../../messages/wallet.ts';
import { getActivity, listActivity, recordActivity, updateActivity } from '../activity.ts';
import { addChain, listChains, onChainSelected, selectChain, selectedChain } from '../chains.ts';
import type { ChainConfig } from '../config.ts';
import type { WalletDb } from '../db.ts';
import { noteWalletUse, onSessionChange, signingKey, unlockedAddress } from '../keyring.ts';
import { getPermission, listPermissions, putPermission, removePermission } from '../permissions.ts';
import { storedWatchlist } from '../tokens/watchlist.ts';
import { approvalWindow } from './approvalWindow.ts';
import { storedCallBatches } from './calls/batch.ts';
import { chainRpc } from './chainRpc.ts';
import { lockedError } from './errors.ts';
import { WatchRegistry } from './filters/registry.ts';
import { SubscriptionPoller } from './filters/subscriptions.ts';
import { acceptPagePort, type PageSender } from './pagePort.ts';
import type { PermissionStore } from './permissions.ts';
import { ApprovalQueue } from './queue.ts';
import type { ActivityLog, ChainRegistry, DappServices, Keyring } from './services.ts';
import { ProviderTabs } from './tabs.ts';
import { NonceTracker } from './tx/nonce.ts';
import { watchReceipt, watchTarget } from './tx/receipt.ts';

export type DappBackground = { services: DappServices; tabs: ProviderTabs };

const UNLOCK_PROMPT_EVERY_MS = 10_000;

export function createDappBackground(options: {
  db: () => Promise<WalletDb>;
  builtInChains: readonly ChainConfig[];
  approvalPageUrl: string;
  /** Who a connecting page is, from the browser's sender information (the background's sender rules). */
  pageSender: (sender: Runtime.MessageSender) => PageSender;
}): DappBackground {
  const { db, builtInChains } = options;
  const tabs = new ProviderTabs();
  // The queue and the window need each other: the window rejects the queue when closed.
  let queue: ApprovalQueue;
  const window = approvalWindow(options.approvalPageUrl, () => queue.rejectAll());
  queue = new ApprovalQueue({ onChange: (requests) => window.onQueueChange(requests) });

  const permissions: PermissionStore = {
    get: async (origin) => getPermission(await db(), origin),
    put: async (p) => putPermission(await db(), p),
    remove: async (origin) => removePermission(await db(), origin),
    list: async () => listPermissions(await db()),
  };
  const chains: ChainRegistry = {
    selected: async () => selectedChain(await db(), builtInChains),
    get: async (chainId) => (await listChains(await db(), builtInChains)).find((c) => c.chainId === chainId),
    add: async ({ chainId, name, rpcUrl, symbol, explorerUrl }) =>
      addChain(await db(), builtInChains, {
        chainId,
        name,
        rpcUrl,
        symbol,
        explorerUrl: explorerUrl ?? null,
      }),
    select: async (chainId) => {
      await selectChain(await db(), builtInChains, chainId);
    },
  };
  // Balances move when a send is recorded and when its receipt settles it: open screens re-read them.
  const activityChanged = () =>
    void browser.runtime
      .sendMessage({ type: 'wallet-activity-changed' } satisfies WalletActivityChangedEvent)
      .catch(() => {});
  const activity: ActivityLog = {
    add: async (entry) => {
      const { id } = await recordActivity(await db(), entry);
      if (entry.kind === 'send') activityChanged();
      return id;
    },
    get: async (id) => getActivity(await db(), id),
    update: async (id, patch) => {
      await updateActivity(await db(), id, patch);
      if (patch.status !== undefined) activityChanged();
    },
    pending: async () =>
      (await listActivity(await db(), 1000)).filter((e) => e.kind === 'send' && e.status === 'pending'),
  };
  const keyring: Keyring = {
    address: async () => unlockedAddress(),
    withSigningKey: async (use) => {
      let key: Uint8Array;
      try {
        key = signingKey();
      } catch (error) {
        if (isTrineError(error) && error.code === 'locked') throw lockedError();
        throw error;
      }
      try {
        noteWalletUse();
        return await use(bytesToHex(key) as Hex);
      } finally {
        key.fill(0);
      }
    },
  };
  let lastPrompt = 0;
  const watches = new WatchRegistry();
  const services: DappServices = {
    watches,
    // An extension API call on each round keeps the worker from being stopped as idle while it pushes events.
    subscriptions: new SubscriptionPoller(watches, chainRpc, () => void browser.runtime.getPlatformInfo()),
    keyring,
    permissions,
    chains,
    tokens: storedWatchlist(db),
    approvals: queue,
    activity,
    rpc: chainRpc,
    nonces: new NonceTracker(),
    events: {
      toOrigin: (origin, event, data) => tabs.send(origin, event, data),
      toConnected: async (event, data) => {
        const connected = await permissions.list();
        await Promise.all(connected.map((p) => tabs.send(p.origin, event, data)));
      },
    },
    promptUnlock: async () => {
      if (Date.now() - lastPrompt < UNLOCK_PROMPT_EVERY_MS) return;
      lastPrompt = Date.now();
      // Chrome 127+ opens the popup without a user gesture; elsewhere the 4100 message says what to do.
      await (browser.action as { openPopup?: () => Promise<void> }).openPopup?.().catch(() => {});
    },
    batches: storedCallBatches(db),
    // The popup's Activity lists a batch's transactions (Chrome 127+ opens it without a gesture).
    showActivity: async () => {
      await (browser.action as { openPopup?: () => Promise<void> }).openPopup?.().catch(() => {});
    },
  };

  // Lock and unlock change what every connected site sees.
  onSessionChange((address) => {
    void permissions
      .list()
      .then((sites) =>
        Promise.all(
          sites.map((site) =>
            tabs.send(
              site.origin,
              'accountsChanged',
              address !== null && site.accounts.some((a) => a.toLowerCase() === address.toLowerCase())
                ? [address]
                : [],
            ),
          ),
        ),
      );
  });
  // Whoever selects a chain (a dApp's switch, the popup), connected sites hear of it.
  onChainSelected((chainId) => void services.events.toConnected('chainChanged', chainId));
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  // Every page's provider talks over its own connection (src/messages/pagePort.ts).
  browser.runtime.onConnect.addListener((port) =>
    acceptPagePort(port, port.sender === undefined ? undefined : options.pageSender(port.sender), {
      services,
      tabs,
    }),
  );
  void resumeReceiptWatches(services);
  return { services, tabs };
}

/** Transactions broadcast before the worker stopped are followed again. */
async function resumeReceiptWatches(services: DappServices): Promise<void> {
  try {
    for (const entry of await services.activity.pending()) {
      if (entry.hash === null || entry.chainId === null) continue;
      const chain = await services.chains.get(entry.chainId);
      if (chain === undefined) continue;
      void watchReceipt(
        watchTarget({ ...entry, hash: entry.hash }, chain.rpcUrl),
        services.rpc,
        services.activity,
      );
    }
  } catch (error) {
    console.error('cannot resume receipt watches', error);
  }
}
