/**
 * The HTTP kit's operator endpoints over real sockets: /healthz is 200 while the process
 * runs, /readyz is 200 or 503 with the reason (redacted), both over HTTPS when the server
 * has TLS (a client that does not trust the CA is refused); log lines have one shape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../src/server/http.ts';
import { createLogger } from '../../../src/server/log.ts';
import { createMetrics } from '../../../src/server/metrics.ts';
import { loadTls } from '../../../src/server/tls.ts';
import { httpsGet } from '../../helpers/httpsGet.ts';
import { makeTlsFiles, type TlsFiles } from '../../helpers/tlsFiles.ts';

describe('operator endpoints over HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trine-http-unit-'));
  let files: TlsFiles;
  let other: TlsFiles;
  let server: Server;
  let url: string;
  const lines: string[] = [];
  let problem: string | undefined;

  beforeAll(async () => {
    files = makeTlsFiles(dir, 'a-');
    other = makeTlsFiles(dir, 'b-');
    server = createHttpServer({
      routes: [],
      log: createLogger('test', (l) => lines.push(l)),
      metrics: createMetrics('trine_test'),
      maxBodyBytes: 1024,
      tls: loadTls({ cert: files.certFile, key: files.keyFile })!,
      ready: () => {
        if (problem) throw new Error(problem);
      },
    });
    url = await listen(server, 0);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on https:// and answers /healthz and /readyz', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await httpsGet(`${url}/healthz`, files.ca)).toEqual({ status: 200, body: { ok: true } });
    expect(await httpsGet(`${url}/readyz`, files.ca)).toEqual({ status: 200, body: { ready: true } });
  });

  it('is not ready (503, reason redacted) while the check fails, and ready again after; alive all along', async () => {
    problem = `store: connection refused near ${'ab'.repeat(32)}`;
    const down = await httpsGet(`${url}/readyz`, files.ca);
    expect(down).toEqual({
      status: 503,
      body: { ready: false, reason: 'store: connection refused near [redacted]' },
    });
    expect((await httpsGet(`${url}/healthz`, files.ca)).status).toBe(200);
    problem = undefined;
    expect((await httpsGet(`${url}/readyz`, files.ca)).status).toBe(200);
    const metrics = await httpsGet(`${url}/metrics`, files.ca);
    expect(metrics.body).toMatch(/trine_test_requests_total\{route="readyz",status="503"\} 1/);
  });

  it('a client that does not trust the CA is refused', async () => {
    await expect(httpsGet(`${url}/healthz`, other.ca)).rejects.toThrow(/certificate/);
  });

  it('logs JSON lines with time, level, service, msg and fields, which cannot replace those', () => {
    const line = JSON.parse(lines.find((l) => l.includes('not ready'))!);
    expect(Object.keys(line)).toEqual(['time', 'level', 'service', 'msg', 'reason']);
    expect(line).toMatchObject({ level: 'warn', service: 'test', msg: 'not ready' });
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    const out: string[] = [];
    createLogger('svc', (l) => out.push(l)).info('hello', { level: 'error', msg: 'x', n: 1 });
    expect(JSON.parse(out[0]!)).toMatchObject({ level: 'info', service: 'svc', msg: 'hello', n: 1 });
  });
});
