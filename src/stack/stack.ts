/**
 * Starts the whole local stack as real processes on loopback: the development OpenID
 * provider, the local chain, the N node servers, the metadata server and the demo dApp
 * page. Used by `npm start` and by integration tests. Either everything comes up or
 * nothing is left running.
 *
 * Node and metadata servers join the stack once their entry files exist
 * (`src/node/main.ts`, `src/metadata/main.ts`); they are skipped, and listed in `skipped`,
 * before that.
 *
 * @example
 * const stack = await startStack({ dir: tmp, portOffset: 10000, services: ['oidc', 'nodes'] });
 * stack.urls.nodes; // ['http://127.0.0.1:19201', ...]
 * await stack.stop();
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initNetwork, networkPath } from '../config/init-network.ts';
import { type LocalConfig, loadLocalConfig, repoRoot } from '../config/local.ts';
import type { NetworkConfig } from '../config/network.ts';
import { invalidInput, TrineError } from '../errors/index.ts';
import { requireBinary } from './binary.ts';
import { assertFetchablePorts, stackPorts } from './fetchPorts.ts';
import { loadNetworkDir } from './network-dir.ts';
import { assertPortFree } from './ports.ts';
import { type ServiceHandle, type SpawnServiceParameters, spawnService } from './process.ts';
import {
  chainService,
  dappService,
  entryExists,
  metadataEntry,
  metadataService,
  nodeEntry,
  nodeService,
  oidcEntry,
  oidcService,
  type ServiceContext,
  type ServiceName,
  serviceNames,
} from './services.ts';
import { type StoreOption, storeUrl } from './store.ts';

export type StartStackParameters = {
  /** Network data directory; `config/local.json` dataDir by default. */
  dir?: string;
  /** Used only when the directory holds no network yet. */
  nodes?: number;
  threshold?: number;
  /** Added to every port of config/local.json, so tests run beside `npm start`. */
  portOffset?: number;
  services?: readonly ServiceName[];
  store?: StoreOption;
  /** Schema prefix for PostgreSQL stores (letters, digits, underscore). */
  pgSchema?: string;
  /** Keep chain state across restarts (npm start); tests start from genesis. */
  persistChain?: boolean;
  /** Id-token / session lifetimes of the dev OpenID provider, in seconds. */
  oidcTtlSeconds?: number;
  echo?: (name: string, line: string) => void;
  /** Told when a service exits after start-up without being stopped. */
  onServiceExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  config?: LocalConfig;
};

export type StackUrls = {
  issuer: string;
  chain: string;
  metadata: string;
  nodes: string[];
  dapp: string;
  oidcCallback: string;
};

export type Stack = {
  dir: string;
  network: NetworkConfig;
  urls: StackUrls;
  clientId: string;
  chainId: number;
  /** Running services by name: oidc, chain, node-1 … node-N, metadata, dapp. */
  services: Map<string, ServiceHandle>;
  /** Services asked for whose code has not landed yet. */
  skipped: string[];
  node(index: number): ServiceHandle | undefined;
  stop(): Promise<void>;
};

export async function startStack(parameters: StartStackParameters = {}): Promise<Stack> {
  const config = parameters.config ?? loadLocalConfig();
  const offset = parameters.portOffset ?? 0;
  const dir = resolve(repoRoot, parameters.dir ?? config.dataDir);
  const wanted = new Set(parameters.services ?? serviceNames);
  const store = parameters.store ?? 'sqlite';
  const pgSchema = parameters.pgSchema ?? 'trine';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(pgSchema)) throw invalidInput('pgSchema', 'use a-z, 0-9 and _');
  if (store !== 'sqlite' && !/^postgres(ql)?:\/\//.test(store)) {
    throw invalidInput('store', 'expected "sqlite" or a postgres:// URL');
  }

  assertFetchablePorts(stackPorts(config, offset, parameters.nodes));
  const port = (p: number) => p + offset;
  const oidcPort = port(config.oidc.port);
  const issuer = issuerFor(config, offset);
  const dappPort = port(config.dapp.port);
  ensureNetwork({
    dir,
    config,
    portOffset: offset,
    ...(parameters.nodes ? { nodes: parameters.nodes } : {}),
    ...(parameters.threshold ? { threshold: parameters.threshold } : {}),
  });
  const network = loadNetworkDir(dir);
  const ctx: ServiceContext = {
    root: repoRoot,
    dir,
    host: config.host,
    ...(parameters.echo ? { echo: parameters.echo } : {}),
  };
  const urls: StackUrls = {
    issuer,
    chain: `http://${config.host}:${port(config.chain.port)}`,
    metadata: network.metadata.url,
    nodes: network.nodes.map((n) => n.url),
    dapp: `http://localhost:${dappPort}`,
    oidcCallback: `http://localhost:${dappPort}/callback`,
  };

  const plans: SpawnServiceParameters[] = [];
  const skipped: string[] = [];
  const needs = (name: ServiceName, entry?: string) => {
    if (!wanted.has(name)) return false;
    if (entry && !entryExists(ctx, entry)) skipped.push(`${name} (${entry} not written yet)`);
    return !entry || entryExists(ctx, entry);
  };
  if (needs('oidc', oidcEntry)) {
    plans.push(
      oidcService(ctx, {
        port: oidcPort,
        issuer,
        redirectUris: [urls.oidcCallback],
        ...(parameters.oidcTtlSeconds ? { ttlSeconds: parameters.oidcTtlSeconds } : {}),
      }),
    );
  }
  if (needs('chain')) {
    plans.push(
      chainService(ctx, {
        port: port(config.chain.port),
        chainId: config.chain.chainId,
        persist: parameters.persistChain ?? false,
      }),
    );
  }
  if (needs('nodes', nodeEntry)) {
    for (const node of network.nodes) {
      const nodeStore = storeUrl(store, dir, { kind: 'node', index: node.index }, pgSchema);
      plans.push(nodeService(ctx, { index: node.index, port: portOf(node.url), store: nodeStore }));
    }
  }
  if (needs('metadata', metadataEntry)) {
    const metadataStore = storeUrl(store, dir, { kind: 'metadata' }, pgSchema);
    plans.push(metadataService(ctx, { port: portOf(network.metadata.url), store: metadataStore }));
  }
  if (needs('dapp')) plans.push(dappService(ctx, { port: dappPort, root: join(repoRoot, 'demo') }));

  const onExit = parameters.onServiceExit;
  if (onExit) for (const plan of plans) plan.onExit = (code, signal) => onExit(plan.name, code, signal);
  const services = await startAll(plans);
  return {
    dir,
    network,
    urls,
    clientId: config.oidc.clientId,
    chainId: config.chain.chainId,
    services,
    skipped,
    node: (index) => services.get(`node-${index}`),
    stop: () => stopAll(services),
  };
}

/**
 * Creates a network in `dir` unless one is there: ports from config/local.json shifted by
 * `portOffset`, the dev OpenID provider as the only verifier. Returns it when created.
 */
export function ensureNetwork(o: {
  dir: string;
  config: LocalConfig;
  portOffset?: number;
  nodes?: number;
  threshold?: number;
}): NetworkConfig | undefined {
  if (existsSync(networkPath(o.dir))) return undefined;
  const { config } = o;
  const offset = o.portOffset ?? 0;
  return initNetwork({
    dir: o.dir,
    nodes: o.nodes ?? config.nodes.count,
    threshold: o.threshold ?? config.nodes.threshold,
    basePort: config.nodes.basePort + offset,
    metadataPort: config.metadata.port + offset,
    host: config.host,
    verifiers: [
      {
        name: 'trine-dev',
        issuer: issuerFor(config, offset),
        audiences: [config.oidc.clientId],
        subjectClaim: 'sub',
      },
    ],
  }).network;
}

const issuerFor = (config: LocalConfig, offset: number) =>
  offset ? `http://localhost:${config.oidc.port + offset}` : config.oidc.issuer;

/**
 * Checks every binary and port first (so they fail before anything is spawned), then starts
 * all services together. If one fails the others are stopped and every failure is reported.
 */
async function startAll(plans: SpawnServiceParameters[]): Promise<Map<string, ServiceHandle>> {
  for (const plan of plans) {
    requireBinary(plan.name, plan.command, plan.cwd, plan.installHint);
    if (plan.port !== undefined) assertFetchablePorts([{ service: plan.name, port: plan.port }]);
    if (plan.port !== undefined) await assertPortFree(plan.name, plan.port, plan.host);
  }
  const results = await Promise.allSettled(plans.map((plan) => spawnService(plan)));
  const services = new Map<string, ServiceHandle>();
  results.forEach((r) => {
    if (r.status === 'fulfilled') services.set(r.value.name, r.value);
  });
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 0) return services;
  await stopAll(services);
  const first = failures[0];
  if (failures.length === 1 && first instanceof TrineError) throw first;
  throw new TrineError({
    code: 'internal',
    message: failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'),
    cause: first,
  });
}

async function stopAll(services: Map<string, ServiceHandle>): Promise<void> {
  await Promise.all([...services.values()].map((s) => s.stop()));
}

function portOf(url: string): number {
  const u = new URL(url);
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
}
