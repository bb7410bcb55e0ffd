/**
 * Which tabs talk to us, and from which origin, so events reach the right pages. Taken
 * from the browser's sender information on every request; kept in `storage.session` so a
 * restarted worker still knows them.
 */
import browser from 'webextension-polyfill';
import type { ProviderEventMessage, ProviderEventName } from '../../messages/rpc.ts';

const KEY = 'dapp-tabs';

export class ProviderTabs {
  #tabs: Map<number, string> | null = null;

  async #load(): Promise<Map<number, string>> {
    if (this.#tabs === null) {
      const stored = (await browser.storage.session.get(KEY))[KEY] as [number, string][] | undefined;
      this.#tabs ??= new Map(Array.isArray(stored) ? stored : []);
    }
    return this.#tabs;
  }

  async #save(tabs: Map<number, string>): Promise<void> {
    await browser.storage.session.set({ [KEY]: [...tabs] });
  }

  /** Tab `tabId` just sent a request from `origin`. */
  async seen(tabId: number, origin: string): Promise<void> {
    const tabs = await this.#load();
    if (tabs.get(tabId) === origin) return;
    tabs.set(tabId, origin);
    await this.#save(tabs);
  }

  async forget(tabId: number): Promise<void> {
    const tabs = await this.#load();
    if (tabs.delete(tabId)) await this.#save(tabs);
  }

  /** Send `event` to every tab last seen on `origin`; tabs that are gone are forgotten. */
  async send(origin: string, event: ProviderEventName, data: unknown): Promise<void> {
    const tabs = await this.#load();
    const message: ProviderEventMessage = { type: 'provider-event', origin, event, data };
    await Promise.all(
      [...tabs]
        .filter(([, o]) => o === origin)
        .map(([tabId]) =>
          browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => this.forget(tabId)),
        ),
    );
  }

  async origins(): Promise<Set<string>> {
    return new Set((await this.#load()).values());
  }
}
