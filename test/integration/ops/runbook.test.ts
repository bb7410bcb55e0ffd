/**
 * docs/OPERATIONS.md's runbook, executed: every fenced block marked `runbook=<step>` is read
 * from the document and run with bash against real processes: the operator's keys, a node
 * on PostgreSQL serving TLS (ready over https with the test CA), health/readiness/metrics by
 * curl, pg_dump, pg_restore into a new database and a node started on the restored copy, the
 * storage key rotation, the node back on the new secrets (and refusing the old ones). Also:
 * a bad TLS key and bad flag values stop a real server naming the flag. Port lane 12 800.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNetwork, nodeSecretsPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { httpsGet } from '../../helpers/httpsGet.ts';
import { makeTlsFiles, type TlsFiles } from '../../helpers/tlsFiles.ts';

const LANE = 12_800;
const PG_SERVER = 'postgres://postgres@127.0.0.1:5432';
const DOC = join(repoRoot, 'docs/OPERATIONS.md');
const STEPS = ['node-keys', 'start-node', 'check', 'backup', 'restore', 'rotate', 'swap-secrets'];

/** The runbook's command blocks, by step name, in document order. */
function runbookBlocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of readFileSync(DOC, 'utf8').matchAll(/^```sh runbook=([\w-]+)\n([\s\S]*?)^```$/gm))
    blocks.set(m[1]!, m[2]!);
  return blocks;
}

type Result = { code: number; stdout: string; stderr: string };

describe('the operations runbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trine-runbook-'));
  const id = toHex(randomBytes(5));
  const vars: Record<string, string> = {
    NET: join(dir, 'net'),
    SECRETS: join(dir, 'secrets', 'node-1.secrets.json'),
    PG: PG_SERVER,
    DB: 'test',
    SCHEMA: `runbook_${id}`,
    RESTORE_DB: `runbook_restore_${id}`,
    PORT: String(LANE + 1),
    SCRATCH: join(dir, 'scratch'),
    BACKUP: join(dir, 'backup'),
  };
  let tls: TlsFiles;
  let blocks: Map<string, string>;
  const running: ChildProcess[] = [];

  const bash = (step: string, extra: Record<string, string> = {}): Promise<Result> =>
    new Promise((resolve) => {
      execFile(
        'bash',
        ['-euo', 'pipefail', '-c', blocks.get(step)!],
        { cwd: repoRoot, env: { ...process.env, ...vars, ...extra }, timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  /** Runs the start-node block in the background until /readyz is 200, or returns how it failed. */
  async function startNode(extra: Record<string, string> = {}): Promise<ChildProcess | Result> {
    const env = { ...process.env, ...vars, ...extra };
    const child = spawn('bash', ['-euo', 'pipefail', '-c', blocks.get('start-node')!], {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    let exited: number | undefined;
    child.on('exit', (code) => {
      exited = code ?? 1;
    });
    for (let i = 0; i < 300; i++) {
      if (exited !== undefined) return { code: exited, stdout: '', stderr };
      const ready = await httpsGet(`https://127.0.0.1:${env.PORT}/readyz`, tls.ca).catch(() => undefined);
      if (ready?.status === 200) {
        running.push(child);
        return child;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the node did not become ready: ${stderr}`);
  }
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    });

  beforeAll(async () => {
    blocks = runbookBlocks();
    tls = makeTlsFiles(dir);
    Object.assign(vars, { TLS_CERT: tls.certFile, TLS_KEY: tls.keyFile, TLS_CA: tls.caFile });
    initNetwork({ dir: vars.NET!, nodes: 3, threshold: 2, basePort: LANE + 1, metadataPort: LANE + 99 });
    mkdirSync(join(dir, 'secrets'));
    mkdirSync(vars.BACKUP!);
    copyFileSync(nodeSecretsPath(vars.NET!, 1), vars.SECRETS!);
    const client = new pg.Client({ connectionString: `${PG_SERVER}/test` });
    await client.connect();
    await client.query(`CREATE DATABASE "${vars.RESTORE_DB}"`);
    await client.end();
  });
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) await stop(child);
    const client = new pg.Client({ connectionString: `${PG_SERVER}/test` });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${vars.SCHEMA}" CASCADE`);
    await client.query(`DROP DATABASE IF EXISTS "${vars.RESTORE_DB}" WITH (FORCE)`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has its steps in order', () => {
    expect([...blocks.keys()]).toEqual(STEPS);
  });

  it('runs from the operator keys to a rotated node on PostgreSQL with TLS', async () => {
    // 1. keys: a secrets file only its owner reads, and the two public keys to send
    const keys = await bash('node-keys');
    expect(keys.code).toBe(0);
    const sent = JSON.parse(keys.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(sent)).toEqual(['signingKey', 'encryptionKey']);
    expect(sent.signingKey).toMatch(/^[0-9a-f]{64}$/);
    const scratchSecrets = JSON.parse(readFileSync(nodeSecretsPath(vars.SCRATCH!, 1), 'utf8'));
    expect(keys.stdout.includes(scratchSecrets.storageKey)).toBe(false);
    expect(statSync(nodeSecretsPath(vars.SCRATCH!, 1)).mode & 0o777).toBe(0o600);

    // a key that is not the certificate's: refused at start-up, naming the flag
    const badTls = await startNode({ TLS_KEY: join(dir, 'ca.key') });
    expect('code' in badTls && badTls.code).toBe(1);
    expect((badTls as Result).stderr).toMatch(
      /--tls-key: .*ca\.key is not the private key of the certificate/,
    );

    // 3-4. start on PostgreSQL with TLS; health, readiness and metrics by curl
    let node = (await startNode()) as ChildProcess;
    const check = async () => {
      const result = await bash('check');
      expect(result.code).toBe(0);
      // curl prints the bodies as they come: {"ok":true}{"ready":true} then grep's count of TYPE lines
      const m = /^\{"ok":true\}\{"ready":true\}(\d+)\n$/.exec(result.stdout);
      expect(m, result.stdout).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(2);
    };
    await check();

    // 5-6. back up online, restore into an empty database, serve from the copy
    expect((await bash('backup')).code).toBe(0);
    expect(existsSync(join(vars.BACKUP!, 'node.dump'))).toBe(true);
    expect((await bash('restore')).code).toBe(0);
    await stop(node);
    node = (await startNode({ DB: vars.RESTORE_DB! })) as ChildProcess;
    await check();
    await stop(node);

    // 7. rotate the storage key (node stopped), swap the secrets, start again
    const old = join(dir, 'old.secrets.json');
    copyFileSync(vars.SECRETS!, old);
    const rotated = await bash('rotate');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/"msg":"done"/);
    expect(rotated.stdout.includes(JSON.parse(readFileSync(old, 'utf8')).storageKey)).toBe(false);
    expect((await bash('swap-secrets')).code).toBe(0);
    node = (await startNode()) as ChildProcess;
    await check();
    await stop(node);
    const refused = (await startNode({ SECRETS: old })) as Result;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the storage key does not open this store/);
    // the restored copy still holds the old key's rows: the old secrets open it, the new do not
    const restoredNew = (await startNode({ DB: vars.RESTORE_DB! })) as Result;
    expect(restoredNew.stderr).toMatch(/the storage key does not open this store/);
  }, 240_000);

  it('stops a server on a bad flag value or both spellings of a flag, naming the flag', async () => {
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const runServer = (args: string[]) =>
      new Promise<Result>((resolve) => {
        execFile(tsx, args, { cwd: repoRoot, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const meta = ['src/metadata/main.ts', '--network', 'x', '--secrets', 'y', '--store', 'sqlite:z'];
    const [badValue, badAlias, both, nodeRate] = await Promise.all([
      runServer([...meta, '--user-rate', 'fast']),
      runServer([...meta, '--rate-address', 'lots']),
      runServer([...meta, '--rate-user', '1', '--user-rate', '2']),
      runServer([
        'src/node/main.ts',
        '--network',
        'x',
        '--store',
        'sqlite:z',
        '--port',
        '1',
        '--identity-rate',
        '0',
      ]),
    ]);
    expect(badValue.stderr).toMatch(/--user-rate: expected a non-negative integer, got "fast"/);
    expect(badAlias.stderr).toMatch(/--rate-address is deprecated, use --address-rate/);
    expect(badAlias.stderr).toMatch(/--address-rate: expected a non-negative integer, got "lots"/);
    expect(both.stderr).toMatch(
      /--rate-user: is the deprecated spelling of --user-rate; give only --user-rate/,
    );
    expect(nodeRate.stderr).toMatch(/--identity-rate: expected a positive number, got "0"/);
    for (const r of [badValue, badAlias, both, nodeRate]) expect(r.code).toBe(1);
  });
});
