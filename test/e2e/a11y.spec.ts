/**
 * The accessibility scan that `screenshot()` runs on every screen it saves
 * (helpers/a11y.ts) is a real check: on a page built to break the rules it names each
 * broken rule and the element, and in both colour schemes the popup's first screen has
 * none. The wallet screens are scanned where their tests take their screenshots.
 */

import { expect, test } from './fixtures.ts';
import { accessibilityViolations } from './helpers/a11y.ts';
import { type PageServer, startPageServer } from './pageServer.ts';
import { openPopup } from './wallet-ui.ts';

let site: PageServer;
test.beforeAll(async () => {
  site = await startPageServer({
    '/': `<!doctype html><html><title>Broken</title><body>
<img src="/missing.png"><button></button><input id="amount">
<p style="color:#bbb;background:#fff">low contrast text</p></body></html>`,
  });
});
test.afterAll(async () => site.close());

test('the scan names every broken rule on a page built to break them', async ({ context }) => {
  const page = await context.newPage();
  await page.goto(site.url);
  const found = (await accessibilityViolations(page)).map((line) => line.split(' ')[0]);
  expect(found).toEqual(
    expect.arrayContaining(['button-name', 'color-contrast', 'html-has-lang', 'image-alt', 'label']),
  );
});

test('the popup first screen has no violations, light or dark', async ({ openExtensionPage }) => {
  const popup = await openPopup(openExtensionPage);
  await expect(popup.getByRole('heading', { name: 'Your key, never in one place' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expect(await accessibilityViolations(popup), scheme).toEqual([]);
  }
});
