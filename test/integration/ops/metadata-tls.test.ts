/**
 * The metadata server serving TLS itself (`--tls-cert`, `--tls-key`) as a real process on
 * PostgreSQL: ready, alive and measured over https with the test CA (its `listening` log
 * line names the https URL; plain HTTP is not served), and one TLS flag alone stops it at
 * start-up naming the missing flag. Port lane 12 800.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import { httpsGet } from '../../helpers/httpsGet.ts';
import { makeTlsFiles, type TlsFiles } from '../../helpers/tlsFiles.ts';
import { makeNetwork, type TestNetwork } from '../metadata/harness.ts';

const PORT = 12_850;

describe('metadata server with TLS', () => {
  let net: TestNetwork;
  let tls: TlsFiles;
  let server: ChildProcess | undefined;
  const args = () => [
    '--import',
    'tsx',
    'src/metadata/main.ts',
    '--network',
    networkPath(net.dir),
    '--secrets',
    join(net.dir, 'metadata.secrets.json'),
    '--store',
    net.store,
    '--port',
    String(PORT),
  ];

  beforeAll(async () => {
    net = await makeNetwork('postgres');
    tls = makeTlsFiles(net.dir);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await net?.cleanup();
  });

  it('refuses one TLS flag alone, naming the other', async () => {
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [...args(), '--tls-cert', tls.certFile],
        { cwd: repoRoot },
        (error, _o, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/metadata: --tls-key: required with --tls-cert \(give both or neither\)/);
  });

  it('serves /healthz, /readyz and /metrics over https', async () => {
    server = spawn(process.execPath, [...args(), '--tls-cert', tls.certFile, '--tls-key', tls.keyFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    server.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    let ready: { status: number; body: unknown } | undefined;
    for (let i = 0; i < 150 && ready?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await httpsGet(`https://127.0.0.1:${PORT}/readyz`, tls.ca).catch(() => undefined);
    }
    expect(ready).toEqual({ status: 200, body: { ready: true } });
    expect(await httpsGet(`https://127.0.0.1:${PORT}/healthz`, tls.ca)).toEqual({
      status: 200,
      body: { ok: true },
    });
    const metrics = await httpsGet(`https://127.0.0.1:${PORT}/metrics`, tls.ca);
    expect(metrics.body).toMatch(/trine_metadata_requests_total\{route="readyz",status="200"\}/);
    const listening = JSON.parse(stdout.split('\n').find((l) => l.includes('"listening"'))!);
    expect(listening).toMatchObject({
      level: 'info',
      service: 'metadata',
      msg: 'listening',
      url: `https://127.0.0.1:${PORT}`,
    });
    // plain HTTP to a TLS port is not served
    await expect(fetch(`http://127.0.0.1:${PORT}/healthz`)).rejects.toThrow();
  });
});
