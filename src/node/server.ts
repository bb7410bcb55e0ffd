/**
 * The node's HTTP server: the kit (body cap 512 KiB → 413, JSON → 400, timeouts,
 * per-address limit, /healthz, /readyz, /metrics, optional TLS) with the three routes of
 * PROTOCOL.md. Ready when the store answers and the storage key still opens it.
 */
import type { Server } from 'node:http';
import { MAX_BODY_BYTES } from '../protocol/formats.ts';
import { createHttpServer } from '../server/http.ts';
import type { RateLimiter } from '../server/rateLimit.ts';
import type { TlsMaterial } from '../server/tls.ts';
import type { NodeContext } from './context.ts';
import { assertStoreReady } from './keyCheck.ts';
import { attestRoute } from './routes/attest.ts';
import { installRoute } from './routes/install.ts';
import { shareRoute } from './routes/share.ts';

export type NodeServerOptions = {
  addressLimiter?: RateLimiter;
  /** Proxies whose X-Forwarded-For names the client (src/server/clientAddress.ts). */
  trustedProxies?: ReadonlySet<string>;
  requestTimeoutMs?: number;
  /** Serve HTTPS (src/server/tls.ts). */
  tls?: TlsMaterial;
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
    ready: () => assertStoreReady(ctx.store, ctx.recordKey),
    ...(options.tls ? { tls: options.tls } : {}),
  });
}
