/**
 * A minimal reverse proxy for tests: node:http, round robin over `targets` (no stickiness,
 * as a load balancer in front of stateless metadata processes), appending the peer to
 * X-Forwarded-For. `served` counts the requests each target answered.
 */
import { createServer, request } from 'node:http';
import { listen } from '../../src/server/http.ts';

export type RoundRobinProxy = { url: string; served: number[]; close(): Promise<void> };

export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const served = targets.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const i = next;
    next = (next + 1) % targets.length;
    const target = new URL(req.url ?? '/', targets[i]);
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': forwarded } },
      (answer) => {
        served[i]! += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'upstream unreachable' } }));
    });
    req.pipe(upstream);
  });
  const url = await listen(server, 0);
  return {
    url,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
