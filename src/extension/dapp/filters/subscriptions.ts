/**
 * Delivers `eth_subscribe` notifications: while any subscription lives, the chain's head
 * is read every POLL_MS; new blocks become `newHeads` notifications, their logs `logs`
 * notifications, each pushed to its page as the provider's `message` event
 * `{ type: 'eth_subscription', data: { subscription, result } }` (EIP-1193, as MetaMask
 * sends them). Stops by itself when the last subscription is gone.
 */
import type { ChainRpc } from '../services.ts';
import { blocksOf, headOf, logsOf, newBlocks } from './changes.ts';
import type { WatchRegistry } from './registry.ts';

export const POLL_MS = 1000;

export class SubscriptionPoller {
  readonly #registry: WatchRegistry;
  readonly #rpc: ChainRpc;
  readonly #keepAlive: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `keepAlive` runs on each round: an MV3 worker that pushes events must not be stopped as idle. */
  constructor(registry: WatchRegistry, rpc: ChainRpc, keepAlive: () => void = () => {}) {
    this.#registry = registry;
    this.#rpc = rpc;
    this.#keepAlive = keepAlive;
  }

  /** A subscription was added: make sure someone is polling. */
  wake(): void {
    this.#timer ??= setTimeout(() => void this.#round(), POLL_MS);
  }

  async #round(): Promise<void> {
    try {
      await this.poll();
    } catch (error) {
      console.error('subscription poll failed', error);
    }
    this.#timer = undefined;
    if (this.#registry.subscriptions().length > 0) {
      this.#keepAlive();
      this.wake();
    }
  }

  /** One round: every subscription gets what happened since the last. */
  async poll(): Promise<void> {
    const subscriptions = this.#registry.subscriptions();
    const heads = new Map<string, Promise<bigint>>();
    await Promise.all(
      subscriptions.map(async ({ id, page, watch }) => {
        if (!heads.has(watch.rpcUrl)) heads.set(watch.rpcUrl, headOf(this.#rpc, watch.rpcUrl));
        const numbers = newBlocks(watch, await heads.get(watch.rpcUrl)!);
        if (numbers.length === 0) return;
        const results =
          watch.kind === 'newHeads'
            ? await blocksOf(this.#rpc, watch.rpcUrl, numbers)
            : await logsOf(this.#rpc, watch, numbers);
        for (const result of results)
          page.deliver({ type: 'eth_subscription', data: { subscription: id, result } });
      }),
    );
  }
}
