/**
 * Which tabs talk to us, and from which origins, so events reach the right pages. Taken
 * from the browser's sender information on every request; kept in `storage.session` so a
 * restarted worker still knows them. A tab can hold several origins (its page and its
 * frames: the provider runs in every frame, each with its own origin). An event goes to
 * every frame of the tab, tagged with its origin; each frame's content script keeps only
 * its own origin's. `accountsChanged` carries lower-case addresses, as MetaMask sends them.
 */
import browser from 'webextension-polyfill';
import type { ProviderEventMessage, ProviderEventName } from '../../messages/rpc.ts';

const KEY = 'dapp-tabs';
/** Origins remembered per tab (a page full of third-party frames cannot grow the list without end). */
const MAX_ORIGINS_PER_TAB = 32;

export class ProviderTabs {
  #tabs: Map<number, string[]> | null = null;

  async #load(): Promise<Map<number, string[]>> {
    if (this.#tabs === null) {
      const stored = (await browser.storage.session.get(KEY))[KEY] as
        | [number, string | string[]][]
        | undefined;
      // Older workers stored one origin per tab.
      const entries = (Array.isArray(stored) ? stored : []).map(([tab, origins]): [number, string[]] => [
        tab,
        Array.isArray(origins) ? origins : [origins],
      ]);
      this.#tabs ??= new Map(entries);
    }
    return this.#tabs;
  }

  async #save(tabs: Map<number, string[]>): Promise<void> {
    await browser.storage.session.set({ [KEY]: [...tabs] });
  }

  /** Tab `tabId` (its page or one of its frames) just sent a request from `origin`. */
  async seen(tabId: number, origin: string): Promise<void> {
    const tabs = await this.#load();
    const origins = tabs.get(tabId) ?? [];
    if (origins.at(-1) === origin) return;
    tabs.set(tabId, [...origins.filter((o) => o !== origin), origin].slice(-MAX_ORIGINS_PER_TAB));
    await this.#save(tabs);
  }

  async forget(tabId: number): Promise<void> {
    const tabs = await this.#load();
    if (tabs.delete(tabId)) await this.#save(tabs);
  }

  /** Send `event` to every tab where `origin` was seen; tabs that are gone are forgotten. */
  async send(origin: string, event: ProviderEventName, data: unknown): Promise<void> {
    const tabs = await this.#load();
    const forDapp =
      event === 'accountsChanged' && Array.isArray(data)
        ? data.map((a) => (typeof a === 'string' ? a.toLowerCase() : a))
        : data;
    const message: ProviderEventMessage = { type: 'provider-event', origin, event, data: forDapp };
    await Promise.all(
      [...tabs]
        .filter(([, origins]) => origins.includes(origin))
        .map(([tabId]) => browser.tabs.sendMessage(tabId, message).catch(() => this.forget(tabId))),
    );
  }

  async origins(): Promise<Set<string>> {
    return new Set([...(await this.#load()).values()].flat());
  }
}
