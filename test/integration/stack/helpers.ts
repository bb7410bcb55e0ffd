import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];

/** A fresh temporary directory for one test; `killLeftovers` ends what still runs from it. */
export const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `trine-${prefix}-`));
  dirs.push(dir);
  return dir;
};

/**
 * SIGKILLs every process still mentioning a directory made by `tempDir`: a test that fails
 * before its own clean-up must not leave a stack running on the machine (run it in afterEach).
 */
export function killLeftovers(): void {
  for (const dir of dirs.splice(0)) {
    for (const pid of processesMentioning(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

const usedOffsets = new Set<number>();

/**
 * A port offset for one stack, new in this process. Its ports (config/local.json's plus the
 * offset, 21 080 … 32 200) stay below the kernel's ephemeral range (32 768 and up, where
 * freePort() and outgoing connections of parallel test files take theirs) and clear of the
 * other fixed offsets (e2e 1 000, wallet harness 11 000 … 11 600, benches 12 000 … 12 100).
 * Steps of 200: with 100, one stack's metadata port (9300) would be the next one's OpenID
 * port (9400). `lane` is one per test file that starts stacks (0: stack.test.ts, 1:
 * start.test.ts), so files running at once never share an offset.
 */
export function randomOffset(lane: 0 | 1): number {
  const slots = 25; // per lane: offsets 13 000 … 22 800
  for (let tries = 0; tries < 1000; tries++) {
    const offset = 13_000 + (Math.floor(Math.random() * slots) * 2 + lane) * 200;
    if (!usedOffsets.has(offset)) {
      usedOffsets.add(offset);
      return offset;
    }
  }
  throw new Error(`more than ${slots} stacks in one test file: no port offset left`);
}

/** Pids of live processes whose command line mentions `text` (our temp dirs are unique). */
export function processesMentioning(text: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(text) && !/^\s*\d+\s+Z/.test(line) && !line.includes(' ps -eo'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}
