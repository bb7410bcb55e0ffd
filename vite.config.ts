/**
 * Builds the extension from `manifest.json` into `dist/<browser>` (`TRINE_OUT_DIR/<browser>`
 * when set; the e2e suite builds into dist-e2e/):
 *   vite build --mode chrome   → dist/chrome  (service worker, manifest `key`)
 *   vite build --mode firefox  → dist/firefox (background scripts, gecko id)
 * The pages and the background are one ES-module build with shared chunks. The content
 * script and the in-page provider run as classic scripts, so each is built afterwards as
 * its own self-contained IIFE.
 *
 * The public network description (`network.json` of `TRINE_NETWORK_DIR`, default the
 * `dataDir` of config/local.json, created on first build like `npm start` does) and the
 * default chain are embedded as `__TRINE_CONFIG__` (see src/extension/config.ts). A stack
 * started with a port offset (the e2e suite's, or `npm start -- --port-offset`) is built
 * for with `TRINE_PORT_OFFSET`, so the chain's RPC URL follows it too. The manifest's
 * `host_permissions` are generated from that same configuration (manifestFor).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { build, defineConfig, type Plugin } from 'vite';
import { networkPath } from './src/config/init-network.ts';
import { loadLocalConfig } from './src/config/local.ts';
import { parseNetworkConfig } from './src/config/network.ts';
import { type ExtensionConfig, extensionConfigFor } from './src/extension/config.ts';
import { type Browser, hostPermissionsFor } from './src/extension/hostPermissions.ts';
import { ensureNetwork } from './src/stack/stack.ts';

const root = import.meta.dirname;
const readJson = (file: string) => JSON.parse(readFileSync(resolve(root, file), 'utf8'));
/**
 * The EIP-6963 `rdns` of Trine's provider: the reverse-DNS name of the project's domain
 * (trinewallet.io). Set here only; the in-page provider gets it as `__TRINE_RDNS__`.
 */
export const TRINE_RDNS = 'io.trinewallet';
/** EIP-6963 providers are injected into every page: keep them small. */
const INPAGE_MAX_GZIP_BYTES = 5 * 1024;
const targets: Record<Browser, string> = { chrome: 'chrome120', firefox: 'firefox140' };

export default defineConfig(({ mode }) => {
  if (mode !== 'chrome' && mode !== 'firefox')
    throw new Error(`--mode must be chrome or firefox, not '${mode}'`);
  const browser: Browser = mode;
  const outDir = resolve(root, process.env.TRINE_OUT_DIR || 'dist', browser);
  const page = (path: string) => resolve(root, 'extension', path);
  const config = embeddedConfig();
  return {
    root: resolve(root, 'extension'),
    publicDir: resolve(root, 'public'),
    plugins: [preact(), manifestPlugin(browser, config), classicScriptsPlugin(browser, outDir)],
    define: { __TRINE_CONFIG__: JSON.stringify(config) },
    build: {
      outDir,
      emptyOutDir: true,
      target: targets[browser],
      modulePreload: false,
      rolldownOptions: {
        input: {
          background: page('background/index.ts'),
          popup: page('popup.html'),
          onboarding: page('pages/onboarding.html'),
          passkey: page('pages/passkey.html'),
          approval: page('pages/approval.html'),
          callback: page('pages/callback.html'),
        },
        output: {
          entryFileNames: (chunk) =>
            chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js',
        },
      },
    },
  };
});

/**
 * What the extension is built for: the network of `TRINE_NETWORK_DIR` and the local chain,
 * both on the ports of config/local.json shifted by `TRINE_PORT_OFFSET` (default 0).
 */
export function embeddedConfig(): ExtensionConfig {
  const local = loadLocalConfig();
  const dir = resolve(root, process.env.TRINE_NETWORK_DIR || local.dataDir);
  const offset = portOffset(process.env.TRINE_PORT_OFFSET);
  ensureNetwork({ dir, config: local, portOffset: offset ?? 0 });
  const network = parseNetworkConfig(readJson(networkPath(dir)));
  const metadataPort = Number(new URL(network.metadata.url).port);
  if (offset !== undefined && metadataPort !== local.metadata.port + offset) {
    throw new Error(
      `TRINE_PORT_OFFSET=${offset} but the network in ${dir} has its metadata server on port ${metadataPort}, not ${local.metadata.port + offset}`,
    );
  }
  return extensionConfigFor(network, [
    {
      chainId: `0x${local.chain.chainId.toString(16)}`,
      name: local.chain.name,
      rpcUrl: `http://${local.host}:${local.chain.port + (offset ?? 0)}`,
      symbol: 'ETH',
    },
  ]);
}

/** `TRINE_PORT_OFFSET`: unset, or a whole number 0 … 56000 (as `npm start -- --port-offset`). */
function portOffset(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const offset = Number(value);
  if (!/^\d+$/.test(value) || offset > 56_000)
    throw new Error(`TRINE_PORT_OFFSET must be a whole number 0 … 56000, not '${value}'`);
  return offset;
}

/** Emit `manifest.json` for one browser from the shared template. */
function manifestPlugin(browser: Browser, config: ExtensionConfig): Plugin {
  return {
    name: 'trine-manifest',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.json',
        source: JSON.stringify(manifestFor(browser, config), null, 2),
      });
    },
  };
}

/**
 * The manifest for one browser and the configuration it embeds: the template plus the
 * version, the browser's own keys, and `host_permissions` — exactly the origins of that
 * network's nodes, metadata server, issuers and chains (src/extension/hostPermissions.ts).
 */
export function manifestFor(browser: Browser, config: ExtensionConfig): Record<string, unknown> {
  const manifest = {
    ...readJson('manifest.json'),
    version: readJson('package.json').version,
    host_permissions: hostPermissionsFor(config, browser),
  };
  if (browser === 'chrome') {
    // The public key pins the extension id, so OAuth redirect URIs stay registered.
    return { ...manifest, key: readJson('config/extension-key.json').key, minimum_chrome_version: '120' };
  }
  return {
    ...manifest,
    background: { scripts: ['background.js'], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: readJson('config/local.json').extension.geckoId,
        // 140: data_collection_permissions; MAIN-world content scripts need 128.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android declares data collection from 142.
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

/** After the main build: the content script and the in-page provider as standalone IIFEs. */
function classicScriptsPlugin(browser: Browser, outDir: string): Plugin {
  return {
    name: 'trine-classic-scripts',
    apply: 'build',
    async closeBundle() {
      for (const name of ['content', 'inpage']) {
        await build({
          configFile: false,
          root,
          publicDir: false,
          logLevel: 'warn',
          define: { __TRINE_RDNS__: JSON.stringify(TRINE_RDNS) },
          build: {
            outDir,
            emptyOutDir: false,
            target: targets[browser],
            lib: {
              entry: resolve(root, 'extension', name, 'index.ts'),
              formats: ['iife'],
              name: `trine_${name}`,
              fileName: () => `${name}.js`,
            },
          },
        });
      }
      const gz = gzipSync(readFileSync(resolve(outDir, 'inpage.js'))).length;
      if (gz > INPAGE_MAX_GZIP_BYTES)
        throw new Error(`inpage.js is ${gz} bytes gzipped, over ${INPAGE_MAX_GZIP_BYTES}`);
    },
  };
}
