/**
 * The metadata server: the HTTP kit with the record routes (create, read, read by factor,
 * write). Stateless: everything lives in the store, so any number of processes behind a
 * load balancer serve the same users (rate limits are per process).
 */
import type { Server } from 'node:http';
import type { NetworkConfig } from '../config/network.ts';
import { fromHex } from '../crypto/bytes.ts';
import { MAX_BODY_BYTES } from '../protocol/formats.ts';
import { createHttpServer } from '../server/http.ts';
import type { Logger } from '../server/log.ts';
import { createMetrics, type Metrics } from '../server/metrics.ts';
import { createRateLimiter } from '../server/rateLimit.ts';
import type { TlsMaterial } from '../server/tls.ts';
import type { MetadataContext, VerifyUserSignature } from './context.ts';
import { ecdsaVerifyBodyNative } from './ecdsaVerifyNative.ts';
import { createRoute } from './routes/create.ts';
import { readRoute } from './routes/read.ts';
import { readByFactorRoute } from './routes/readByFactor.ts';
import { writeRoute } from './routes/write.ts';
import type { MetadataStore } from './store/contract.ts';

export type MetadataServerOptions = {
  network: NetworkConfig;
  store: MetadataStore;
  receiptSigner: CryptoKey;
  log: Logger;
  metrics?: Metrics;
  /** Requests per second per client address (burst: twice that); 0 = unlimited. */
  ratePerAddress?: number;
  /** Requests per second per record P (burst: twice that); 0 = unlimited. */
  ratePerUser?: number;
  /** Reverse proxies whose X-Forwarded-For names the client; none by default. */
  trustedProxies?: ReadonlySet<string>;
  now?: () => number;
  verifyUserSignature?: VerifyUserSignature;
  /** Serve HTTPS (src/server/tls.ts). */
  tls?: TlsMaterial;
};

export const DEFAULT_RATE_PER_ADDRESS = 200;
export const DEFAULT_RATE_PER_USER = 20;

const limiter = (perSecond: number) =>
  perSecond > 0 ? createRateLimiter({ perSecond, burst: perSecond * 2 }) : undefined;

export function createMetadataServer(options: MetadataServerOptions): Server {
  const metrics = options.metrics ?? createMetrics('trine_metadata');
  const ctx: MetadataContext = {
    network: options.network,
    nodeKeys: new Map(options.network.nodes.map((n) => [n.index, fromHex(n.signingKey, 32)])),
    store: options.store,
    receiptSigner: options.receiptSigner,
    userLimiter: limiter(options.ratePerUser ?? DEFAULT_RATE_PER_USER),
    log: options.log,
    metrics,
    now: options.now ?? Date.now,
    verifyUserSignature: options.verifyUserSignature ?? ecdsaVerifyBodyNative,
  };
  const addressLimiter = limiter(options.ratePerAddress ?? DEFAULT_RATE_PER_ADDRESS);
  return createHttpServer({
    routes: [createRoute(ctx), readRoute(ctx), readByFactorRoute(ctx), writeRoute(ctx)],
    log: options.log,
    metrics,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(addressLimiter ? { addressLimiter } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    // ready when the store answers (the receipt key was checked before listening)
    ready: () => options.store.ping(),
    ...(options.tls ? { tls: options.tls } : {}),
  });
}
