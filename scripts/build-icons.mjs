#!/usr/bin/env node
/**
 * Render extension/shared/logo.svg to the PNG icons the manifest lists
 * (public/icons/icon-{16,32,48,128}.png) with the system Chromium. The PNGs are committed;
 * run this again only when the logo changes:  node scripts/build-icons.mjs
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'extension/shared/logo.svg'), 'utf8');
const outDir = join(root, 'public/icons');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    await page.setContent(`<style>*{margin:0}</style><img src="${src}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(outDir, `icon-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.info(`icons written to ${outDir}`);
