/**
 * `npm start -- --port-offset 2000` would put the demo dApp on 10080, a port browsers
 * refuse to fetch: it is refused at once (no 90 s wait for a page that can never load),
 * naming the port, and nothing is created or started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { killLeftovers, processesMentioning, tempDir } from './helpers.ts';

afterEach(killLeftovers);

it('npm start refuses a port offset that lands a service on a fetch-blocked port, at once', async () => {
  const dir = join(tempDir('bad-port'), 'net');
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['scripts/start.mjs', '--no-build', '--dir', dir, '--port-offset', '2000'],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code, output).toBe(1);
  expect(output).toContain('dapp: port 10080 is one browsers refuse to fetch');
  expect(output).toContain('--port-offset');
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(existsSync(dir)).toBe(false); // no network was created for it
  expect(processesMentioning(dir)).toEqual([]);
}, 60_000);
