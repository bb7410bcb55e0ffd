/**
 * The HTTP kit both servers use: a route is a list of small named steps ending in an
 * answer. This file owns the wire: body size cap (413), JSON parsing (400), timeouts,
 * one error handler (TrineError → its status and `{ error: { code, message } }`; anything
 * else → a generic 500 with nothing exposed), the operator's endpoints and access logs.
 *
 * Operator endpoints (GET, never rate-limited; expose them to the monitoring network only):
 * - `/healthz`: 200 `{ ok: true }` while the process runs (liveness: restart it if this fails);
 * - `/readyz`: 200 `{ ready: true }` when `ready()` resolves (the store answers and the keys
 *   it was started with still open it), else 503 `{ ready: false, reason }` (take it out of
 *   the load balancer; the reason names what failed, never a secret);
 * - `/metrics`: Prometheus text (metrics.ts; names in docs/OPERATIONS.md).
 * With `tls` the server is HTTPS (node:https; see tls.ts), otherwise plain HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import { isTrineError, TrineError } from '../errors/index.ts';
import { clientAddress, rateKey } from './clientAddress.ts';
import type { Logger } from './log.ts';
import { redact } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimiter } from './rateLimit.ts';
import type { TlsMaterial } from './tls.ts';

export type RequestContext = {
  /** Parsed JSON body (unknown: routes validate it). */
  body: unknown;
  /** The client address: the peer, or behind a trusted proxy the client it names (rate limiting only). */
  address: string;
  method: string;
  path: string;
};

export type Answer = { status: number; body: unknown };
export type Handler = (ctx: RequestContext) => Promise<Answer> | Answer;
export type Route = { method: 'GET' | 'POST'; path: string; name: string; handler: Handler };

export type HttpServerOptions = {
  routes: Route[];
  log: Logger;
  metrics: Metrics;
  maxBodyBytes: number;
  /** Per-address limiter applied to every POST (IPv6 clients by their /64). */
  addressLimiter?: RateLimiter;
  /** Peers whose X-Forwarded-For names the client (see clientAddress.ts); none by default. */
  trustedProxies?: ReadonlySet<string>;
  requestTimeoutMs?: number;
  /** Readiness: throws (with a non-secret message) when the server cannot serve. */
  ready?: () => Promise<void> | void;
  /** Serve HTTPS with this certificate and key (tls.ts `loadTls`). */
  tls?: TlsMaterial;
};

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > max) {
      reject(new TrineError({ code: 'too-large', message: `body larger than ${max} bytes` }));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new TrineError({ code: 'too-large', message: `body larger than ${max} bytes` }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = contentType === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // the wallet's service worker calls these servers cross-origin
    'access-control-allow-origin': '*',
  });
  res.end(text);
}

export function errorAnswer(err: unknown, log: Logger, route: string): Answer {
  if (isTrineError(err) && err.expose) {
    return {
      status: err.status,
      body: {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      },
    };
  }
  log.error('unhandled', { route, message: redact(err instanceof Error ? err.message : String(err)) });
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

export function createHttpServer(opts: HttpServerOptions): Server {
  const table = new Map(opts.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const trusted = opts.trustedProxies ?? new Set<string>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    let routeName = 'unknown';
    let answer: Answer;
    try {
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      if (method === 'GET' && path === '/healthz') {
        routeName = 'healthz';
        answer = { status: 200, body: { ok: true } };
      } else if (method === 'GET' && path === '/readyz') {
        routeName = 'readyz';
        answer = await readiness(opts);
      } else if (method === 'GET' && path === '/metrics') {
        routeName = 'metrics';
        send(res, 200, opts.metrics.text(), 'text/plain; version=0.0.4');
        return;
      } else {
        const route = table.get(`${method} ${path}`);
        if (!route) throw new TrineError({ code: 'route-not-found', message: `no route ${method} ${path}` });
        routeName = route.name;
        const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
        let body: unknown = null;
        if (method === 'POST') {
          if (opts.addressLimiter && !opts.addressLimiter.take(rateKey(address)))
            throw new TrineError({ code: 'rate-limited', message: 'too many requests from this address' });
          const type = req.headers['content-type'] ?? '';
          if (!type.startsWith('application/json'))
            throw new TrineError({
              code: 'unsupported-media-type',
              message: 'expected content-type application/json',
            });
          const text = await readBody(req, opts.maxBodyBytes);
          try {
            body = JSON.parse(text);
          } catch {
            throw new TrineError({ code: 'invalid-input', message: 'body is not valid JSON' });
          }
        }
        answer = await route.handler({ body, address, method, path });
      }
    } catch (err) {
      answer = errorAnswer(err, opts.log, routeName);
    }
    if (!res.headersSent) send(res, answer.status, answer.body);
    const ms = performance.now() - started;
    opts.metrics.observe(routeName, answer.status, ms);
    if (answer.status >= 400)
      opts.log.warn('request', { route: routeName, status: answer.status, ms: Math.round(ms) });
  };
  const server: Server = opts.tls
    ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' }, handler)
    : createServer(handler);
  server.requestTimeout = opts.requestTimeoutMs ?? 15_000;
  server.headersTimeout = Math.min(server.requestTimeout, 10_000);
  server.keepAliveTimeout = 5_000;
  return server;
}

async function readiness(opts: HttpServerOptions): Promise<Answer> {
  try {
    await opts.ready?.();
    return { status: 200, body: { ready: true } };
  } catch (err) {
    const reason = redact(isTrineError(err) || err instanceof Error ? err.message : String(err));
    opts.log.warn('not ready', { reason });
    return { status: 503, body: { ready: false, reason } };
  }
}

/** Listen and resolve with the bound URL (`https://` when the server has TLS). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use`) : err),
    );
    server.listen(port, host, () => {
      const addr = server.address();
      const scheme = server instanceof HttpsServer ? 'https' : 'http';
      const name = host.includes(':') ? `[${host}]` : host;
      resolve(`${scheme}://${name}:${typeof addr === 'object' && addr ? addr.port : port}`);
    });
  });
}
