/**
 * The node's HTTP server: the kit (body cap 512 KiB → 413, JSON → 400, timeouts,
 * per-address limit, /healthz, /metrics) with the three routes of PROTOCOL.md.
 */
import type { Server } from 'node:http';
import { MAX_BODY_BYTES } from '../protocol/formats.ts';
import { createHttpServer } from '../server/http.ts';
import type { RateLimiter } from '../server/rateLimit.ts';
import type { NodeContext } from './context.ts';
import { attestRoute } from './routes/attest.ts';
import { installRoute } from './routes/install.ts';
import { shareRoute } from './routes/share.ts';

export type NodeServerOptions = {
  addressLimiter?: RateLimiter;
  /** Proxies whose X-Forwarded-For names the client (src/server/clientAddress.ts). */
  trustedProxies?: ReadonlySet<string>;
  requestTimeoutMs?: number;
};

export function createNodeServer(ctx: NodeContext, options: NodeServerOptions = {}): Server {
  return createHttpServer({
    routes: [shareRoute(ctx), attestRoute(ctx), installRoute(ctx)],
    log: ctx.log,
    metrics: ctx.metrics,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(options.addressLimiter ? { addressLimiter: options.addressLimiter } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    health: () => ctx.store.ping(),
  });
}
