/**
 * A small supervisor for the real processes of the local stack (npm start) and of every
 * integration test: spawn, wait until ready, capture logs, stop, crash on purpose, restart.
 *
 * Each child gets its own process group (so grandchildren such as tsx's node die with it)
 * and is registered with the reaper, so nothing outlives the parent. Before spawning, the
 * port is checked and the binary resolved: both failures name the service and the fix.
 *
 * @example
 * const chain = await spawnService({ name: 'chain', command: 'anvil', args: ['--port', '8545'],
 *   port: 8545, readyLine: /Listening on/ });
 * await chain.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TrineError } from '../errors/index.ts';
import { requireBinary } from './binary.ts';
import { assertPortFree } from './ports.ts';
import { track, untrack } from './reaper.ts';

export type SpawnServiceParameters = {
  name: string;
  command: string;
  args?: string[];
  /** Added to (and overriding) the parent's environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Port the service will listen on: checked to be free before spawning. */
  port?: number;
  host?: string;
  /** Ready when a GET here answers 2xx. */
  readyUrl?: string;
  /** Ready when a line of stdout or stderr matches. */
  readyLine?: RegExp;
  timeoutMs?: number;
  /** Where stdout and stderr go (appended); a file under the temp dir by default. */
  logFile?: string;
  /** Called with every output line, e.g. to echo it. */
  onLine?: (line: string) => void;
  /** Called when the service exits without being asked to. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /** Hint appended to the missing-binary error. */
  installHint?: string;
};

export type ServiceHandle = {
  readonly name: string;
  /** `http://host:port` when a port or ready URL is known. */
  readonly url: string | undefined;
  readonly pid: number;
  readonly logFile: string;
  readonly running: boolean;
  /** SIGTERM to the process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash, for tests. */
  kill9(): Promise<void>;
  /** Stop, then start again with the same parameters and wait until ready. */
  restart(): Promise<void>;
  /** The last output lines. */
  tail(lines?: number): string;
};

const tailLength = 200;

/** Spawns a service and resolves once it is ready; on any failure nothing is left running. */
export async function spawnService(parameters: SpawnServiceParameters): Promise<ServiceHandle> {
  const service = new Service(parameters);
  await service.start();
  return service;
}

class Service implements ServiceHandle {
  readonly name: string;
  readonly url: string | undefined;
  readonly logFile: string;
  #child: ChildProcess | undefined;
  #exit: Promise<void> = Promise.resolve();
  #stopping = false;
  #lines: string[] = [];
  #log: WriteStream | undefined;
  readonly #p: SpawnServiceParameters;

  constructor(parameters: SpawnServiceParameters) {
    this.#p = parameters;
    this.name = parameters.name;
    const host = parameters.host ?? '127.0.0.1';
    this.url = parameters.readyUrl
      ? new URL(parameters.readyUrl).origin
      : parameters.port
        ? `http://${host}:${parameters.port}`
        : undefined;
    this.logFile =
      parameters.logFile ?? join(tmpdir(), 'trine-logs', `${parameters.name}-${process.pid}.log`);
  }

  get pid(): number {
    return this.#child?.pid ?? 0;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  tail(lines = 30): string {
    return this.#lines.slice(-lines).join('\n');
  }

  async start(): Promise<void> {
    const p = this.#p;
    const cwd = p.cwd ?? process.cwd();
    const binary = requireBinary(p.name, p.command, cwd, p.installHint);
    if (p.port !== undefined) await assertPortFree(p.name, p.port, p.host ?? '127.0.0.1');
    mkdirSync(dirname(this.logFile), { recursive: true });
    this.#log = createWriteStream(this.logFile, { flags: 'a' });
    this.#log.write(`\n--- ${new Date().toISOString()} ${p.command} ${(p.args ?? []).join(' ')}\n`);
    this.#lines = [];
    this.#stopping = false;

    const child = spawn(binary, p.args ?? [], {
      cwd,
      env: { ...process.env, ...p.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    this.#exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (child.pid) untrack(child.pid);
        if (!this.#stopping) p.onExit?.(code, signal);
        resolve();
      });
      child.once('error', () => resolve());
    });
    if (child.pid) track(child.pid);
    const lineWaiter = this.#capture(child);

    const timeoutMs = p.timeoutMs ?? 90_000; // nine tsx processes starting at once on two busy cores
    const outcome = await Promise.race([
      this.#ready(lineWaiter).then(() => 'ready' as const),
      this.#exit.then(() => 'exited' as const),
      spawnError.then((e) => e),
      sleep(timeoutMs).then(() => 'timeout' as const),
    ]);
    if (outcome === 'ready') return;
    await this.stop(1000);
    const why =
      outcome === 'timeout'
        ? `did not become ready within ${timeoutMs / 1000}s`
        : outcome === 'exited'
          ? `exited during start-up (code ${child.exitCode ?? child.signalCode})`
          : `could not be started: ${outcome.message}`;
    throw new TrineError({
      code: 'internal',
      message: `${p.name} ${why}.\n--- last lines of ${this.logFile} ---\n${this.tail(20)}`,
      details: { service: p.name, logFile: this.logFile, pid: child.pid },
    });
  }

  #capture(child: ChildProcess): (re: RegExp) => Promise<void> {
    const waiters: { re: RegExp; resolve: () => void }[] = [];
    const onData = (stream: NodeJS.ReadableStream) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        this.#log?.write(chunk);
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          this.#lines.push(line);
          if (this.#lines.length > tailLength) this.#lines.shift();
          this.#p.onLine?.(line);
          for (const w of waiters) if (w.re.test(line)) w.resolve();
        }
      });
    };
    if (child.stdout) onData(child.stdout);
    if (child.stderr) onData(child.stderr);
    return (re) => new Promise((resolve) => waiters.push({ re, resolve }));
  }

  async #ready(waitForLine: (re: RegExp) => Promise<void>): Promise<void> {
    const { readyLine, readyUrl } = this.#p;
    if (readyLine) await waitForLine(readyLine);
    if (!readyUrl) return;
    while (this.running) {
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await new Promise(() => {}); // exited: the race reports it
  }

  async stop(graceMs = 5000): Promise<void> {
    const child = this.#child;
    if (!child?.pid) return;
    this.#stopping = true;
    if (this.running) {
      signalGroup(child.pid, 'SIGTERM');
      const stopped = await Promise.race([this.#exit.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) signalGroup(child.pid, 'SIGKILL');
      await this.#exit;
    }
    signalGroup(child.pid, 'SIGKILL'); // grandchildren that outlived the group leader
    await groupGone(child.pid);
    await new Promise<void>((resolve) => (this.#log ? this.#log.end(resolve) : resolve()));
    this.#log = undefined;
  }

  async kill9(): Promise<void> {
    const child = this.#child;
    if (!child?.pid || !this.running) return;
    this.#stopping = true;
    signalGroup(child.pid, 'SIGKILL');
    await this.#exit;
    await groupGone(child.pid); // the tsx grandchild holds the port until it is gone too
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Resolves once no live process is left in the group (zombies do not count: they hold no
 * port), or after `timeoutMs`. Linux reads /proc; elsewhere a group that still accepts
 * signals is polled until the timeout.
 */
async function groupGone(pgid: number, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && groupAlive(pgid)) await sleep(10);
}

function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return entries.some((pid) => {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces or ')'
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X';
    } catch {
      return false; // exited while we looked
    }
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
