/**
 * The approval window: one browser popup window showing the queue. Opened when the first
 * request arrives, told to refresh when the queue changes, closed by us when the queue is
 * empty. When the user closes it, everything still waiting is rejected (4001).
 */
import browser from 'webextension-polyfill';
import type { ApprovalRequest } from '../../messages/dapp.ts';

export const APPROVALS_CHANGED = 'dapp-approvals-changed';
const WIDTH = 400;
const HEIGHT = 640;

export type ApprovalWindow = {
  /** Give to `ApprovalQueue` as `onChange`. */
  onQueueChange(requests: readonly ApprovalRequest[]): void;
};

export function approvalWindow(pageUrl: string, onClosedByUser: () => void): ApprovalWindow {
  let windowId: number | null = null;
  let opening: Promise<void> | null = null;
  let latest: readonly ApprovalRequest[] = [];

  browser.windows.onRemoved.addListener((removed) => {
    if (removed !== windowId) return;
    windowId = null;
    onClosedByUser();
  });

  const open = async () => {
    const created = await browser.windows.create({
      type: 'popup',
      url: pageUrl,
      width: WIDTH,
      height: HEIGHT,
      focused: true,
    });
    windowId = created.id ?? null;
    // The queue may have emptied while the window was being created.
    if (latest.length === 0) await close();
  };
  const close = async () => {
    const id = windowId;
    windowId = null; // before removal: onRemoved must not reject requests that arrive meanwhile
    if (id !== null) await browser.windows.remove(id).catch(() => {});
  };

  return {
    onQueueChange(requests) {
      const shown = latest.length;
      latest = requests;
      if (requests.length === 0) {
        void close();
        return;
      }
      if (windowId === null && opening === null) {
        opening = open()
          .catch((error: unknown) => console.error('cannot open the approval window', error))
          .finally(() => {
            opening = null;
          });
        return;
      }
      // The page listens and asks for the list again; a new request brings the window forward.
      browser.runtime.sendMessage({ type: APPROVALS_CHANGED }).catch(() => {});
      if (windowId !== null && requests.length > shown)
        browser.windows.update(windowId, { focused: true }).catch(() => {});
    },
  };
}
