/**
 * The HTTP kit's own refusals, one code each (docs/PROTOCOL.md): no such route → 404
 * `route-not-found`, a body that is not JSON by its content type → 415
 * `unsupported-media-type`, unparsable JSON → 400 `invalid-input`; none reaches the route.
 * A real server on loopback.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../src/server/http.ts';
import { silentLogger } from '../../../src/server/log.ts';
import { createMetrics } from '../../../src/server/metrics.ts';

let server: Server;
let url: string;
let reached = 0;

beforeAll(async () => {
  server = createHttpServer({
    routes: [
      {
        method: 'POST',
        path: '/v1/echo',
        name: 'echo',
        handler: ({ body }) => {
          reached++;
          return { status: 200, body };
        },
      },
    ],
    log: silentLogger,
    metrics: createMetrics('test'),
    maxBodyBytes: 1024,
  });
  url = await listen(server, 0);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = async (path: string, body: string, type = 'application/json') => {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  return [response.status, ((await response.json()) as { error?: { code: string } }).error?.code];
};

describe('the HTTP kit answers each refusal with its own code', () => {
  it('404 route-not-found, 415 unsupported-media-type, 400 invalid-input; the route is not reached', async () => {
    expect(await post('/v1/nothing', '{}')).toEqual([404, 'route-not-found']);
    expect(await post('/v1/echo', 'a=b', 'application/x-www-form-urlencoded')).toEqual([
      415,
      'unsupported-media-type',
    ]);
    expect(await post('/v1/echo', '{not json')).toEqual([400, 'invalid-input']);
    expect(reached).toBe(0);
    expect(await post('/v1/echo', '{"a":1}')).toEqual([200, undefined]);
    expect(reached).toBe(1);
  });
});
