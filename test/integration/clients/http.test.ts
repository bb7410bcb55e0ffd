/**
 * The bounded HTTP client against real loopback servers that misbehave: one that never
 * answers, one that answers too much, one that answers garbage. A fan-out shares one deadline.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../src/clients/http.ts';
import { callNode, fanOut } from '../../../src/clients/nodes/call.ts';
import type { NodeEntry } from '../../../src/config/network.ts';
import { isTrineError } from '../../../src/errors/index.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // accepts, never answers
    if (req.url === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":'); // the body never ends
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }));
    }
    if (req.url === '/not-json') return res.end('<html>busy</html>');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const node = (path: string): NodeEntry =>
  ({ index: 7, url: `${base}${path}`, signingKey: '00'.repeat(32) }) as unknown as NodeEntry;

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isTrineError(error), String(error)).toBe(true);
  return error as Error & { code: string };
}

describe('bounded HTTP client', () => {
  it('gives up on a server that never answers, and says after how long', async () => {
    const error = await failure(postJson(`${base}/hang`, {}, { timeoutMs: 300 }));
    expect(error.code).toBe('network-unreachable');
    expect(error.message).toContain('no answer within 300 ms');
  });

  it('gives up on a body that never ends', async () => {
    const error = await failure(postJson(`${base}/slow-body`, {}, { timeoutMs: 300 }));
    expect(error.message).toContain('no answer within 300 ms');
  });

  it('refuses an oversized or non-JSON answer with a clear error', async () => {
    const big = await failure(postJson(`${base}/big`, {}, { maxBytes: 256 * 1024 }));
    expect(big.message).toContain('larger than 262144 bytes');
    const html = await failure(postJson(`${base}/not-json`, {}));
    expect(html.message).toContain('not JSON');
  });

  it('a fan-out shares one deadline: hung nodes time out together, answering nodes are kept', async () => {
    const options = fanOut(undefined, 400);
    const started = performance.now();
    const outcomes = await Promise.allSettled([
      callNode(node('/hang'), '', {}, v.unknown(), options),
      callNode(node('/hang'), '', {}, v.unknown(), options),
      callNode(node('/ok'), '', {}, v.object({ ok: v.boolean() }), options),
    ]);
    const elapsed = performance.now() - started;
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const o of outcomes.slice(0, 2))
      expect(String((o as PromiseRejectedResult).reason.message)).toContain('no answer within 400 ms');
    expect(elapsed).toBeGreaterThanOrEqual(350);
  });

  it('a fan-out ended by its caller reports "aborted", not a timeout', async () => {
    const controller = new AbortController();
    const call = callNode(node('/hang'), '', {}, v.unknown(), fanOut(controller.signal, 10_000));
    setTimeout(() => controller.abort(), 50);
    const error = await failure(call);
    expect(error.message).toContain('aborted');
    expect(error.message).not.toContain('no answer within');
  });
});
