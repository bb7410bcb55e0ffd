/**
 * Starts one node: network.json and the secrets are read and checked against each other,
 * the store is opened and must accept the storage key, then the server listens. Any
 * failure stops start-up with a message naming the problem (never a secret).
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type NetworkConfig, parseNetworkConfig } from '../config/network.ts';
import { fromHex } from '../crypto/bytes.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import { listen } from '../server/http.ts';
import { createLogger, type Logger } from '../server/log.ts';
import { createMetrics } from '../server/metrics.ts';
import { createRateLimiter } from '../server/rateLimit.ts';
import type { TlsMaterial } from '../server/tls.ts';
import { describeStore, parseStoreUrl } from '../storage/url.ts';
import { createIdTokenVerifier } from './checks/verifyIdToken.ts';
import type { NodeContext } from './context.ts';
import { assertStorageKey } from './keyCheck.ts';
import { createLoginLimiter } from './loginLimiter.ts';
import { loadNodeKeys, readNodeSecrets } from './secrets.ts';
import { createNodeServer } from './server.ts';
import type { NodeStore } from './store/contract.ts';
import { openNodeStore } from './store/open.ts';

export type StartNodeParameters = {
  networkFile: string;
  /** Secrets file; TRINE_NODE_SECRETS (the JSON) when absent. */
  secretsFile?: string;
  store: string;
  port: number;
  host?: string;
  /** Requests per second per client address (burst: 4×). */
  addressRate?: number;
  /** Fresh logins (distinct id tokens) per second per user identity (burst: 10×). */
  identityRate?: number;
  /** Seconds an id token is accepted after its `iat` (default 900, at least 300). */
  maxTokenAgeS?: number;
  /** Requests one id token may make at this node (default TOKEN_USES = 10). */
  tokenUses?: number;
  /** Reverse proxies whose X-Forwarded-For names the client; none by default. */
  trustedProxies?: ReadonlySet<string>;
  /** Serve HTTPS with this certificate and key (src/server/tls.ts `loadTls`). */
  tls?: TlsMaterial;
  log?: Logger;
};

export type RunningNode = {
  url: string;
  index: number;
  server: Server;
  store: NodeStore;
  close(): Promise<void>;
};

export function readNetworkFile(file: string): NetworkConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new TrineError({ code: 'invalid-input', message: `cannot read ${file} as JSON` });
  }
  return parseNetworkConfig(json);
}

export async function startNode(p: StartNodeParameters): Promise<RunningNode> {
  const network = readNetworkFile(p.networkFile);
  const verifyIdToken = createIdTokenVerifier(network.verifiers, {
    ...(p.maxTokenAgeS ? { maxTokenAgeS: p.maxTokenAgeS } : {}),
  });
  const keys = await loadNodeKeys(readNodeSecrets(p.secretsFile), network);
  const log = p.log ?? createLogger(`node-${keys.self.index}`);
  const store = await openNodeStore(p.store);
  try {
    await assertStorageKey(store, keys.recordKey);
  } catch (error) {
    await store.close();
    throw error;
  }
  const addressRate = p.addressRate ?? 100;
  const identityRate = p.identityRate ?? 2;
  const ctx: NodeContext = {
    network,
    ...keys,
    metadataKey: fromHex(network.metadata.signingKey, 32),
    store,
    verifyIdToken,
    loginLimiter: createLoginLimiter({
      freshLoginsPerSecond: identityRate,
      ...(p.tokenUses ? { tokenUses: p.tokenUses } : {}),
    }),
    log,
    metrics: createMetrics('trine_node'),
    now: () => Date.now(),
  };
  const server = createNodeServer(ctx, {
    addressLimiter: createRateLimiter({ perSecond: addressRate, burst: addressRate * 4 }),
    ...(p.trustedProxies ? { trustedProxies: p.trustedProxies } : {}),
    ...(p.tls ? { tls: p.tls } : {}),
  });
  let url: string;
  try {
    url = await listen(server, p.port, p.host ?? '127.0.0.1');
  } catch (error) {
    await store.close();
    throw error;
  }
  log.info('listening', {
    url,
    node: keys.self.index,
    nodes: network.nodes.length,
    threshold: network.threshold,
    store: describeStore(parseStoreUrl(p.store)),
  });
  return {
    url,
    index: keys.self.index,
    server,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    },
  };
}

/** The start-up failure as one line for the operator. */
export function startupMessage(error: unknown): string {
  if (isTrineError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
