/**
 * Nonces for several transactions in flight. The node's pending count can lag behind what
 * we just broadcast, so the next nonce is the larger of the node's count and the last one
 * we used plus one. Allocation is serialised per (chain, account): two approvals granted at
 * once get consecutive nonces. A nonce whose broadcast failed is handed back.
 */
import type { Address, Hex } from 'viem';

export class NonceTracker {
  readonly #next = new Map<string, number>();
  readonly #locks = new Map<string, Promise<unknown>>();

  /**
   * Run `use(nonce)` holding the (chain, account) lock. `pendingCount` asks the node
   * (`eth_getTransactionCount(account, 'pending')`). If `use` throws, the nonce is released.
   */
  async withNext<T>(
    chainId: Hex,
    account: Address,
    pendingCount: () => Promise<number>,
    use: (nonce: number) => Promise<T>,
  ): Promise<T> {
    return this.withConsecutive(chainId, account, pendingCount, async (nonce) => ({
      used: 1,
      result: await use(nonce),
    }));
  }

  /**
   * Several consecutive nonces under one hold of the lock (an EIP-5792 batch: nothing else
   * can take a nonce between its transactions). `use` answers how many it used from `first`;
   * the ones after are free again.
   */
  async withConsecutive<T>(
    chainId: Hex,
    account: Address,
    pendingCount: () => Promise<number>,
    use: (first: number) => Promise<{ used: number; result: T }>,
  ): Promise<T> {
    const key = `${chainId}:${account.toLowerCase()}`;
    const before = this.#locks.get(key) ?? Promise.resolve();
    const run = before
      .catch(() => {})
      .then(async () => {
        const nonce = Math.max(await pendingCount(), this.#next.get(key) ?? 0);
        const { used, result } = await use(nonce); // throws → #next untouched: the nonces are free again
        if (used > 0) this.#next.set(key, nonce + used);
        return result;
      });
    this.#locks.set(key, run);
    try {
      return await run;
    } finally {
      if (this.#locks.get(key) === run) this.#locks.delete(key);
    }
  }

  /** Forget what we used on a chain (it was reset, e.g. a restarted development chain). */
  forget(chainId: Hex): void {
    for (const key of this.#next.keys()) if (key.startsWith(`${chainId}:`)) this.#next.delete(key);
  }
}
