import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { accepts, freePort, isPortFree } from '../../../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../../../src/stack/process.ts';
import { alive, tempDir, waitFor } from './helpers.ts';

const started: ServiceHandle[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  for (const s of servers.splice(0)) s.close();
});

/** A live process (a zombie holds no port and is not running). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** A real HTTP server process that also starts a grandchild (like tsx does). */
function serverScript(dir: string): string {
  const file = join(dir, 'server.mjs');
  writeFileSync(
    file,
    `import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('grandchild ' + grandchild.pid);
createServer((q, s) => s.end(q.url === '/healthz' ? 'ok' : 'hello')).listen(Number(process.argv[2]), '127.0.0.1', () =>
  console.log('listening'));`,
  );
  return file;
}

async function startServer(dir: string, port: number) {
  const service = await spawnService({
    name: 'toy',
    command: process.execPath,
    args: [serverScript(dir), String(port)],
    port,
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    logFile: join(dir, 'toy.log'),
  });
  started.push(service);
  const grandchild = Number(/grandchild (\d+)/.exec(service.tail(50))?.[1]);
  return { service, grandchild };
}

describe('spawnService', () => {
  it('waits until the ready URL answers, then stop() ends the whole process group', async () => {
    const dir = tempDir('proc');
    const port = await freePort();
    const { service, grandchild } = await startServer(dir, port);
    expect(await (await fetch(`${service.url}/`)).text()).toBe('hello');
    expect(alive(grandchild)).toBe(true);
    await service.stop();
    expect(service.running).toBe(false);
    expect(running(grandchild)).toBe(false); // at once: stop() waits for the whole group
    expect(await isPortFree(port)).toBe(true);
  });

  it('kill9() crashes the service and restart() brings it back on the same port', async () => {
    const dir = tempDir('proc');
    const port = await freePort();
    const { service, grandchild } = await startServer(dir, port);
    const firstPid = service.pid;
    await service.kill9();
    expect(alive(firstPid)).toBe(false);
    expect(running(grandchild)).toBe(false); // the grandchild (like tsx's node) is gone too
    expect(await accepts(port)).toBe(false);
    await service.restart();
    expect(service.pid).not.toBe(firstPid);
    expect(await (await fetch(`${service.url}/healthz`)).text()).toBe('ok');
  });

  it('refuses a taken port before spawning, naming the service and the fix', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    servers.push(blocker);
    await new Promise((r) => blocker.once('listening', r));
    const dir = tempDir('proc');
    const error = await spawnService({
      name: 'node-3',
      command: process.execPath,
      args: [serverScript(dir), String(port)],
      port,
      readyUrl: `http://127.0.0.1:${port}/healthz`,
      logFile: join(dir, 'never.log'),
    }).catch((e: unknown) => e);
    expect(isTrineError(error, 'invalid-input')).toBe(true);
    expect(String(error)).toMatch(/node-3: port \d+ .* already in use/);
    expect(String(error)).toContain('config/local.json');
  });

  it('reports a missing binary with how to install it', async () => {
    const error = await spawnService({
      name: 'chain',
      command: 'no-such-anvil-binary',
      installHint: 'Run npm ci.',
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/chain: cannot find the program `no-such-anvil-binary`\. Run npm ci\./);
  });

  it('reports a service that dies during start-up with the tail of its log', async () => {
    const error = await spawnService({
      name: 'broken',
      command: process.execPath,
      args: ['-e', 'console.error("database is on fire"); process.exit(3)'],
      readyLine: /never/,
      logFile: join(tempDir('proc'), 'broken.log'),
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/broken exited during start-up \(code 3\)/);
    expect(String(error)).toContain('database is on fire');
  });

  it('gives up after the timeout and leaves nothing running', async () => {
    const dir = tempDir('proc');
    const error = await spawnService({
      name: 'sleepy',
      command: process.execPath,
      args: ['-e', 'console.log("pid " + process.pid); setInterval(() => {}, 1000)'],
      readyLine: /ready/,
      timeoutMs: 1500,
      logFile: join(dir, 'sleepy.log'),
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/sleepy did not become ready within 1.5s/);
    const pid = Number(isTrineError(error) ? error.details?.pid : 0);
    expect(pid).toBeGreaterThan(0);
    expect(await waitFor(() => !alive(pid))).toBe(true);
  });

  it('takes its services down when the parent is killed with SIGKILL', async () => {
    const dir = tempDir('proc');
    const port = await freePort();
    const parentScript = join(dir, 'parent.mts');
    writeFileSync(
      parentScript,
      `import { spawnService } from ${JSON.stringify(join(process.cwd(), 'src/stack/process.ts'))};
const s = await spawnService({ name: 'orphan', command: process.execPath, args: [${JSON.stringify(serverScript(dir))}, '${port}'],
  port: ${port}, readyUrl: 'http://127.0.0.1:${port}/healthz', logFile: ${JSON.stringify(join(dir, 'orphan.log'))} });
console.log('child ' + s.pid);
setInterval(() => {}, 1000);`,
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.once('exit', (code) => reject(new Error(`parent exited early (code ${code})`)));
      parent.stdout.on('data', (d: Buffer) => {
        const m = /child (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      });
    });
    expect(await accepts(port)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitFor(() => !alive(childPid), 10_000)).toBe(true);
    expect(await waitFor(async () => !(await accepts(port)), 5000)).toBe(true);
  });
});
