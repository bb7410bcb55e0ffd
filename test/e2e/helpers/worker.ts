/**
 * Stop the extension's service worker, as Chrome does to an idle one (MV3), and wait until
 * it has stopped; the next message starts it again.
 *
 * @example
 * await stopServiceWorker(context, page);
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const statuses: string[] = [];
  let seen: () => void = () => {};
  const reported = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions)
        if (v.scriptURL.endsWith('/background.js')) {
          statuses.push(v.runningStatus);
          seen();
          if (v.runningStatus === 'stopped') resolve();
        }
    }),
  );
  await cdp.send('ServiceWorker.enable');
  // the state before the stop, reported by enable itself; stopping before it arrives
  // would let the first report already say "stopping"
  await reported;
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  expect(statuses[0], 'the worker was running before').toBe('running');
}
