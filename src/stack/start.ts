/**
 * `npm start`: the whole local stack for development. scripts/start.mjs has already
 * installed dependencies; this creates the network if needed, builds the extension,
 * starts every service, prints where everything is, and stops it all on Ctrl-C.
 * Bad input (a taken port, a missing binary, a corrupt data directory) is reported with
 * its fix before anything is started.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLocalConfig, repoRoot } from '../config/local.ts';
import { invalidInput, isTrineError } from '../errors/index.ts';
import { devAccounts } from '../oidc/accounts.ts';
import { assertCanOpenChromium, openChromium } from './chromium.ts';
import { assertFetchablePorts, stackPorts } from './fetchPorts.ts';
import { loadNetworkDir } from './network-dir.ts';
import { ensureNetwork, type Stack, startStack } from './stack.ts';
import type { StoreOption } from './store.ts';

const usage = `npm start [-- options]
  --browser          open Chromium with dist/chrome loaded and the demo page open
  --no-build         do not build the extension
  --dir <path>       network data directory (default from config/local.json: data/local)
  --store <url>      sqlite (default) or a postgres:// URL
  --nodes <n> --threshold <t>   size of a new network (only when the directory is empty)
  --port-offset <n>  add n to every port of config/local.json (run beside another stack)
  --verbose          echo every service's log lines`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      browser: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      dir: { type: 'string' },
      store: { type: 'string', default: 'sqlite' },
      nodes: { type: 'string' },
      threshold: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'port-offset': { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.info(usage);
    return 0;
  }
  const config = loadLocalConfig();
  const dir = resolve(repoRoot, values.dir ?? config.dataDir);
  const offset = Number(values['port-offset']);
  if (!Number.isInteger(offset) || offset < 0 || offset > 56_000)
    throw invalidInput('--port-offset', 'expected 0 … 56000');
  assertFetchablePorts(stackPorts(config, offset, values.nodes ? Number(values.nodes) : undefined));

  // 1. The network (keys and ports) first: the extension build embeds it.
  const created = ensureNetwork({
    dir,
    config,
    portOffset: offset,
    ...(values.nodes ? { nodes: Number(values.nodes) } : {}),
    ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  });
  if (created) {
    info(
      `created a network of ${created.nodes.length} nodes (threshold ${created.threshold}) in ${rel(dir)}`,
    );
  }
  loadNetworkDir(dir);

  // 2. The extension.
  const built = values['no-build']
    ? existsSync(join(repoRoot, 'dist/chrome/manifest.json'))
    : build(dir, offset);

  if (values.browser) assertCanOpenChromium(join(repoRoot, 'dist/chrome'));

  // 3. The services.
  const stack = await startStack({
    dir,
    store: values.store as StoreOption,
    persistChain: true,
    portOffset: offset,
    config,
    ...(values.verbose ? { echo: (name: string, line: string) => console.info(`[${name}] ${line}`) } : {}),
    onServiceExit: (name, code, signal) =>
      console.error(
        `[trine] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${rel(join(dir, 'logs', `${name}.log`))}`,
      ),
  });
  printSummary(stack, built);

  let chromium: Awaited<ReturnType<typeof openChromium>> | undefined;
  if (values.browser) {
    try {
      chromium = await openChromium({
        extensionDir: join(repoRoot, 'dist/chrome'),
        profileDir: join(dir, 'chromium-profile'),
        url: `${stack.urls.dapp}/`,
        logDir: join(dir, 'logs'),
      });
      info('Chromium is open with the extension loaded.');
    } catch (error) {
      console.error(`[trine] --browser: ${message(error)}`);
    }
  }

  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  info('stopping …');
  await Promise.all([stack.stop(), chromium?.stop()]);
  info('all services stopped.');
  return 0;
}

/** `npm run build` for the network in `dir` (vite.config.ts embeds TRINE_NETWORK_DIR). */
function build(dir: string, offset: number): boolean {
  info('building the extension (npm run build) …');
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, TRINE_NETWORK_DIR: dir, TRINE_PORT_OFFSET: String(offset) },
  });
  if (result.status === 0) return true;
  const missing = ['manifest.json', 'vite.config.ts', 'extension'].filter(
    (f) => !existsSync(join(repoRoot, f)),
  );
  console.error(
    missing.length
      ? `[trine] the extension is not built: ${missing.join(', ')} missing from this checkout. The servers start anyway.`
      : '[trine] the extension build failed (errors above). The servers start anyway; fix the build and run `npm run build`.',
  );
  return false;
}

function printSummary(stack: Stack, built: boolean) {
  const line = (label: string, value: string) => console.info(`  ${label.padEnd(22)} ${value}`);
  console.info('\nTrine local stack is running:\n');
  line('OpenID provider', `${stack.urls.issuer}  (accounts: ${devAccounts.map((a) => a.id).join(', ')})`);
  line('chain (anvil)', `${stack.urls.chain}  chain id ${stack.chainId}, 10 funded dev accounts`);
  for (const n of stack.network.nodes) {
    line(`node ${n.index}`, stack.services.has(`node-${n.index}`) ? n.url : `${n.url}  (not started)`);
  }
  line(
    'metadata server',
    stack.services.has('metadata') ? stack.urls.metadata : `${stack.urls.metadata}  (not started)`,
  );
  line('demo dApp', `${stack.urls.dapp}/`);
  line('data and logs', `${rel(stack.dir)}/ (logs in ${rel(join(stack.dir, 'logs'))}/)`);
  line(
    'node secrets',
    `${rel(stack.dir)}/node-<j>.secrets.json, beside the stores: a development layout only; in production keep them apart (docs/OPERATIONS.md, "Production layout")`,
  );
  for (const s of stack.skipped) console.info(`  skipped: ${s}`);
  const chrome = rel(join(repoRoot, 'dist/chrome'));
  const firefox = rel(join(repoRoot, 'dist/firefox/manifest.json'));
  console.info(`
${built ? 'Load the extension:' : 'The extension is not built yet: run `npm run build`, then load it:'}
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${chrome}
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${firefox}
`);
  console.info('Press Ctrl-C to stop everything.\n');
}

const info = (text: string) => console.info(`[trine] ${text}`);
const rel = (path: string) => {
  const r = relative(process.cwd(), path);
  return r.startsWith('..') ? path : r || '.';
};
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Prints a failure the way a user can act on it. */
export function reportFailure(error: unknown): number {
  console.error(`\n[trine] npm start failed: ${message(error)}`);
  if (!isTrineError(error)) console.error(error);
  return 1;
}
