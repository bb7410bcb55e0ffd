/**
 * `browser.storage.session` as the wallet's SessionArea: memory only, cleared when the
 * browser exits, and (Chrome) readable only by the extension's own pages and worker —
 * never by content scripts. Firefox's session storage is memory-only and not exposed to
 * content scripts either; it has no setAccessLevel.
 */
import browser from 'webextension-polyfill';
import type { SessionArea } from '../sessionStore.ts';

export async function browserSessionArea(): Promise<SessionArea> {
  const area = browser.storage.session as typeof browser.storage.session & {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}
