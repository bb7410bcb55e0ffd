/**
 * Makes sure spawned services die with the process that spawned them, even when that
 * process is killed with SIGKILL and never runs an exit handler. One tiny detached
 * watchdog reads the live process-group ids from a pipe; when the pipe closes (the
 * parent is gone, however it died) it sends SIGTERM, then SIGKILL, to every group left.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const watchdogSource = `
const groups = new Set();
let buffer = '';
process.on('SIGINT', () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\\n')) >= 0) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    const id = Number(line.slice(1));
    if (line[0] === '+') groups.add(id); else groups.delete(id);
  }
});
process.stdin.on('end', () => {
  const signal = (name) => { for (const id of groups) { try { process.kill(-id, name); } catch {} } };
  if (groups.size === 0) process.exit(0);
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(0); }, 3000);
});
`;

let watchdog: ChildProcess | undefined;
const live = new Set<number>();

function send(line: string) {
  if (!watchdog) {
    watchdog = spawn(process.execPath, ['-e', watchdogSource], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.unref();
    // The pipe must not keep this process alive: closing it at exit is the whole point.
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    watchdog.stdin?.on('error', () => {});
    process.once('exit', killAllNow);
  }
  watchdog.stdin?.write(`${line}\n`);
}

/** Registers a process group (the pid of a `detached` child) to be killed with us. */
export function track(pgid: number): void {
  live.add(pgid);
  send(`+${pgid}`);
}

/** Forgets a process group once it has been stopped on purpose. */
export function untrack(pgid: number): void {
  live.delete(pgid);
  send(`-${pgid}`);
}

/** Synchronous last resort on a normal exit; the watchdog follows up with SIGKILL. */
function killAllNow() {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
