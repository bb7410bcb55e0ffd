/**
 * Who sent a runtime message. The answer comes from the browser's sender information,
 * never from the message: a web page could claim anything.
 */
import type { Runtime } from 'webextension-polyfill';

export type Sender =
  /** The popup or one of our full-tab pages. */
  | { kind: 'extension-page' }
  /** Our content script, running in a web page of `origin` in tab `tabId`. */
  | { kind: 'web-page'; origin: string; tabId?: number };

/**
 * Classify a sender, or `undefined` for one we never answer (another extension, a frame
 * without a usable origin).
 *
 * @example
 * classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
 */
export function classifySender(
  sender: Runtime.MessageSender,
  ownId: string,
  ownBase: string,
): Sender | undefined {
  if (sender.id !== ownId || typeof sender.url !== 'string') return undefined;
  if (sender.url.startsWith(ownBase)) return { kind: 'extension-page' };
  if (sender.tab === undefined) return undefined;
  const origin = originOf(sender);
  if (origin === undefined) return undefined;
  return sender.tab.id === undefined
    ? { kind: 'web-page', origin }
    : { kind: 'web-page', origin, tabId: sender.tab.id };
}

function originOf(sender: Runtime.MessageSender): string | undefined {
  // Chrome reports `origin` (right for sandboxed and about: frames); Firefox only `url`.
  const reported = (sender as { origin?: unknown }).origin;
  let origin: string;
  try {
    origin = typeof reported === 'string' ? reported : new URL(sender.url ?? '').origin;
  } catch {
    return undefined;
  }
  return /^https?:\/\//.test(origin) ? origin : undefined;
}
