/**
 * The approval window as a user meets it: start something in a dApp page, wait for the
 * window to open, look at it, press a button (or close it).
 */
import type { BrowserContext, Page } from '@playwright/test';

const isApprovalWindow = (page: Page) => page.url().endsWith('/pages/approval.html');

/**
 * Run `start` (a page.evaluate that triggers a request), then `decide` in the approval
 * window that opens; answer what `start` answered.
 */
export async function withApproval<T>(
  context: BrowserContext,
  start: () => Promise<T>,
  decide: (window: Page) => Promise<void>,
): Promise<T> {
  const opened = context.waitForEvent('page', { predicate: isApprovalWindow, timeout: 20_000 });
  const result = start();
  const window = await opened;
  await window.waitForLoadState();
  await window.getByTestId('origin').waitFor();
  await decide(window);
  return result;
}

/** Press the approval window's button named `name` ('Connect', 'Sign', 'Send', 'Reject', …). */
export const press = (name: string) => async (window: Page) => {
  // The background closes the window as soon as the queue is empty, which can happen
  // before the click returns.
  await window
    .getByRole('button', { name, exact: true })
    .click()
    .catch((error: Error) => {
      if (!/closed/.test(error.message)) throw error;
    });
};
