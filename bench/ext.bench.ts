/**
 * The extension itself (issue 7): service-worker cold start to its first answer, popup
 * first render, and the gzip size of each bundle a context loads (its entry file plus every
 * chunk it imports, transitively).
 *
 * Cold start: the worker is stopped through CDP (ServiceWorker.stopAllWorkers), then an
 * extension page sends `ping`; the time to the answer includes starting the worker,
 * evaluating the background bundle and restoring its state.
 * First render: from navigation start to the first child of the popup's #app.
 *
 * Run: tsx bench/ext.bench.ts [--quick]   (builds dist-bench/chrome first when stale: lib/extension.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extensionId } from '../test/e2e/browser.ts';
import { ensureBenchExtension, launchBenchExtension } from './lib/extension.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const RUNS = quick ? 6 : 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

const extensionDir = ensureBenchExtension();

/** gzip bytes of a module and everything it imports from the build. */
function bundleGzBytes(entry: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g)) {
      const spec = m[1]!;
      visit(spec.startsWith('/') ? join(extensionDir, spec) : join(dirname(file), spec));
    }
  };
  visit(entry);
  let total = 0;
  for (const f of seen) total += gzipSync(readFileSync(f)).length;
  return total;
}

const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
const backgroundEntry = join(extensionDir, manifest.background.service_worker);
const popupHtml = readFileSync(join(extensionDir, 'popup.html'), 'utf8');
const popupEntry = join(extensionDir, /src="\/?([^"]+\.js)"/.exec(popupHtml)![1]!);

const ext = await launchBenchExtension();
try {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const ping = () => page.evaluate(() => chrome.runtime.sendMessage({ type: 'ping' }));
  await ping();
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    await ping();
    cold.push(performance.now() - started);
  }
  const render: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await ext.context.newPage();
    await p.addInitScript(() => {
      new MutationObserver((_m, obs) => {
        const app = document.getElementById('app');
        if (app?.firstElementChild) {
          (globalThis as unknown as { __firstRender: number }).__firstRender = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await p.goto(`chrome-extension://${extensionId}/popup.html`);
    await p.waitForFunction(
      () => (globalThis as unknown as { __firstRender?: number }).__firstRender !== undefined,
    );
    render.push(await p.evaluate(() => (globalThis as unknown as { __firstRender: number }).__firstRender));
    await p.close();
  }
  const figures = {
    'ext.sw_cold_start_ms': round(median(cold)),
    'ext.popup_first_render_ms': round(median(render)),
    'ext.background_gz_bytes': bundleGzBytes(backgroundEntry),
    'ext.popup_gz_bytes': bundleGzBytes(popupEntry),
    'ext.content_gz_bytes': gzipSync(readFileSync(join(extensionDir, 'content.js'))).length,
  };
  console.info(
    `service worker cold start to first answer: ${figures['ext.sw_cold_start_ms']} ms (median of ${RUNS})`,
  );
  console.info(`popup first render: ${figures['ext.popup_first_render_ms']} ms (median of ${RUNS})`);
  console.info(JSON.stringify(figures));
} finally {
  await ext.close();
}
