/**
 * Filters and subscriptions, emulated in the wallet over any chain node (as MetaMask does:
 * many nodes, and every HTTP-only one, keep none for us). Each belongs to the page that
 * made it (one frame's document, identified by its connection): another page cannot read
 * or remove it, and all of a page's go when the page goes. Bounded: a page holds at most
 * MAX_PER_PAGE, the wallet MAX_TOTAL; a filter nobody polled for FILTER_IDLE_MS is dropped
 * (geth's deadline), after which its id is "filter not found" as on a node.
 */
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { ProviderError } from '../errors.ts';
import type { LogCriteria } from './criteria.ts';

export const MAX_PER_PAGE = 32;
export const MAX_TOTAL = 1024;
export const FILTER_IDLE_MS = 5 * 60_000;

/** The page a request came from, and how to push a `message` event to it. */
export type PageLink = { id: string; deliver(data: unknown): void };

export type Watch =
  | { kind: 'block-filter'; rpcUrl: string; next: bigint }
  | {
      kind: 'log-filter';
      rpcUrl: string;
      next: bigint;
      last: bigint | undefined;
      criteria: LogCriteria;
      from: bigint;
    }
  | { kind: 'newHeads'; rpcUrl: string; next: bigint }
  | { kind: 'logs'; rpcUrl: string; next: bigint; criteria: LogCriteria };

type Entry = { watch: Watch; page: PageLink; touched: number };

export class WatchRegistry {
  readonly #byPage = new Map<string, Map<string, Entry>>();
  readonly #now: () => number;
  #total = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Keep `watch` for `page`; answers its id, or -32005 when the page or the wallet holds too many. */
  add(page: PageLink, watch: Watch): string {
    this.#expire();
    const mine = this.#byPage.get(page.id) ?? new Map<string, Entry>();
    if (mine.size >= MAX_PER_PAGE || this.#total >= MAX_TOTAL)
      throw new ProviderError(
        ProviderErrorCode.limitExceeded,
        `Too many filters and subscriptions: a page may keep ${MAX_PER_PAGE}; uninstall some first.`,
      );
    const id = randomId();
    mine.set(id, { watch, page, touched: this.#now() });
    this.#byPage.set(page.id, mine);
    this.#total++;
    return id;
  }

  /** `page`'s watch `id` (and mark it polled), or -32000 "filter not found" as a node answers. */
  get(page: PageLink, id: string): Watch {
    this.#expire();
    const entry = this.#byPage.get(page.id)?.get(id);
    if (entry === undefined) throw new ProviderError(ProviderErrorCode.chainError, 'filter not found');
    entry.touched = this.#now();
    return entry.watch;
  }

  /** Remove `page`'s watch `id`; false when it has none of that id. */
  remove(page: PageLink, id: string): boolean {
    const mine = this.#byPage.get(page.id);
    if (mine?.delete(id) !== true) return false;
    this.#total--;
    if (mine.size === 0) this.#byPage.delete(page.id);
    return true;
  }

  /** The page is gone (closed, navigated, its frame removed): drop all it had. */
  dropPage(pageId: string): void {
    this.#total -= this.#byPage.get(pageId)?.size ?? 0;
    this.#byPage.delete(pageId);
  }

  /** Every live subscription, with its page and id (for the poller). */
  subscriptions(): { id: string; page: PageLink; watch: Watch & { kind: 'newHeads' | 'logs' } }[] {
    return [...this.#byPage.values()].flatMap((mine) =>
      [...mine].flatMap(([id, { watch, page }]) =>
        watch.kind === 'newHeads' || watch.kind === 'logs' ? [{ id, page, watch }] : [],
      ),
    );
  }

  get size(): number {
    return this.#total;
  }

  /** Filters (never subscriptions, which are pushed) idle for longer than a node keeps them. */
  #expire(): void {
    const deadline = this.#now() - FILTER_IDLE_MS;
    for (const [pageId, mine] of this.#byPage) {
      for (const [id, entry] of mine) {
        const filter = entry.watch.kind === 'block-filter' || entry.watch.kind === 'log-filter';
        if (filter && entry.touched < deadline) {
          mine.delete(id);
          this.#total--;
        }
      }
      if (mine.size === 0) this.#byPage.delete(pageId);
    }
  }
}

/** A node-style id: 0x and 32 hex digits. */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
