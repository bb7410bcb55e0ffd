import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../../src/config/local.ts';
import { isPortFree } from '../../../src/stack/ports.ts';
import { killLeftovers, processesMentioning, randomOffset, rpc, tempDir, waitFor } from './helpers.ts';

const config = loadLocalConfig();

afterEach(killLeftovers);

/** `npm start` as a user runs it (without the extension build, which e2e tests cover). */
function npmStart(dir: string, offset: number, extra: string[] = [], env = process.env) {
  const child = spawn(
    process.execPath,
    ['scripts/start.mjs', '--no-build', '--dir', dir, '--port-offset', String(offset), ...extra],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function stopped(child: ChildProcess, exited: Promise<number | null>) {
  child.kill('SIGINT');
  return exited;
}

describe('npm start', () => {
  it('starts the stack, prints every URL and how to load the extension, and Ctrl-C stops everything', async () => {
    const dir = tempDir('start');
    const offset = randomOffset(1);
    const run = npmStart(dir, offset);
    expect(await waitFor(() => run.output().includes('Press Ctrl-C'), 90_000)).toBe(true);
    const out = run.output();
    expect(out).toContain(`http://localhost:${config.oidc.port + offset}`);
    expect(out).toContain(`http://127.0.0.1:${config.chain.port + offset}`);
    expect(out).toContain(`http://localhost:${config.dapp.port + offset}/`);
    expect(out).toContain(`http://127.0.0.1:${config.nodes.basePort + offset}`);
    expect(out).toMatch(
      /node secrets .*node-<j>\.secrets\.json, beside the stores: a development layout only/,
    );
    // --no-build: whether there is a build to load depends on the checkout; both say how
    const built = existsSync(join(process.cwd(), 'dist/chrome/manifest.json'));
    expect(out).toContain(
      built ? 'Load the extension:' : 'The extension is not built yet: run `npm run build`',
    );
    expect(out).toContain('chrome://extensions');
    expect(out).toContain('about:debugging');
    expect(await rpc(`http://127.0.0.1:${config.chain.port + offset}`, 'eth_chainId')).toBe('0x7a69');
    expect(processesMentioning(dir).length).toBeGreaterThan(2);

    expect(await stopped(run.child, run.exited)).toBe(0);
    expect(run.output()).toContain('all services stopped');
    expect(processesMentioning(dir)).toEqual([]);
    for (const port of [config.oidc.port, config.chain.port, config.dapp.port, config.nodes.basePort]) {
      expect(await isPortFree(port + offset)).toBe(true);
    }
  });

  it('with a port taken: says which and how to fix it, exits 1, leaves nothing running', async () => {
    const dir = tempDir('start-port');
    const offset = randomOffset(1);
    const dappPort = config.dapp.port + offset;
    const blocker = createServer().listen(dappPort, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const run = npmStart(dir, offset);
      expect(await run.exited, run.output()).toBe(1);
      expect(run.output()).toContain(`dapp: port ${dappPort} on 127.0.0.1 is already in use`);
      expect(run.output()).toContain('config/local.json');
      expect(processesMentioning(dir)).toEqual([]);
      expect(await isPortFree(config.oidc.port + offset)).toBe(true);
      expect(await isPortFree(config.chain.port + offset)).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('with a corrupt data directory: names the file and the fix, starts nothing', async () => {
    const dir = tempDir('start-corrupt');
    writeFileSync(join(dir, 'network.json'), 'not json at all');
    const offset = randomOffset(1);
    const run = npmStart(dir, offset);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`${join(dir, 'network.json')} is not valid JSON`);
    expect(run.output()).toContain('npm run network:init');
    expect(processesMentioning(dir)).toEqual([]);
    expect(await isPortFree(config.chain.port + offset)).toBe(true);
  });

  it('with --browser but no graphical session: says so before starting anything', async () => {
    const dir = tempDir('start-browser');
    const offset = randomOffset(1);
    const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...env } = process.env;
    const run = npmStart(dir, offset, ['--browser'], env);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/--browser( needs a graphical session|: .* the extension is not built)/);
    expect(processesMentioning(dir)).toEqual([]);
    expect(await isPortFree(config.chain.port + offset)).toBe(true);
  });
});
