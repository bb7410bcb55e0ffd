/**
 * A Trine network spread over hosts, on one machine: every node and the metadata server in
 * a network namespace of its own (netns.ts), on that host's own address, over HTTPS with a
 * test CA (testCa.ts). The OpenID provider and the chain stay on the root namespace's
 * loopback, as the browser's machine; the provider's JWKS is also served over HTTPS on the
 * root namespace's bridge address, so the nodes (which are not on that loopback) can fetch
 * it (the network's verifier names it as `jwksUri`, as Google's separate JWKS host would be).
 *
 * Per host: the server serves `https://<host address>:<port>` itself (`--tls-cert/--tls-key`),
 * or, on a host given a delay (`delays`), listens on the host's loopback behind a TLS front
 * (tlsFront.ts) in the same namespace that holds each request first, since this kernel has
 * no `tc netem`.
 *
 * The network's keys live in `keysDir` (kept, so an extension built for it stays valid);
 * stores, certificates and logs in `runDir` (fresh per run). Every port is config/local.json
 * plus `portOffset`, so the metadata server's port matches what vite.config.ts expects.
 *
 * @example
 * const stack = await startMultihostStack({ prefix: 'trmh', subnet: '10.213.0', keysDir, runDir,
 *   portOffset: 3000, delays: { 3: 2000 } });
 * stack.cutNode(1); stack.restoreNode(1); await stack.stop();
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { initNetwork, metadataSecretsPath, networkPath, nodeSecretsPath } from '../../config/init-network.ts';
import { type LocalConfig, loadLocalConfig, repoRoot } from '../../config/local.ts';
import { type NetworkConfig, parseNetworkConfig } from '../../config/network.ts';
import { type ServiceHandle, type SpawnServiceParameters, spawnService } from '../process.ts';
import { chainService, metadataEntry, nodeEntry, oidcService, type ServiceContext } from '../services.ts';
import { createNamespaces, inNamespace, type Namespaces } from './netns.ts';
import { makeTestCa, type TestCa } from './testCa.ts';

export type StartMultihostStackParameters = {
  /** Name prefix of namespaces and links (2-5 letters), unique per kind of run. */
  prefix: string;
  /** A private 10.x.y/24 used only on this machine. */
  subnet: string;
  keysDir: string;
  runDir: string;
  portOffset: number;
  nodes?: number;
  threshold?: number;
  /** Milliseconds each request to a node waits at its host (by node index; 'metadata' too). */
  delays?: Partial<Record<number | 'metadata', number>>;
  /** Start the local chain (the extension's default chain). */
  chain?: boolean;
};

export type MultihostStack = {
  network: NetworkConfig;
  urls: { issuer: string; jwks: string; chain: string; nodes: string[]; metadata: string };
  clientId: string;
  ca: TestCa;
  net: Namespaces;
  /** Node j's host loses its link (the process keeps running). */
  cutNode(index: number): void;
  restoreNode(index: number): void;
  services: Map<string, ServiceHandle>;
  /** Stop every process and remove the namespaces; safe to call twice. */
  stop(): Promise<void>;
};

const frontEntry = 'src/stack/multihost/tlsFront-main.ts';
const tsx = ['--import', 'tsx'];

/** The addresses of a network on `subnet`: the root side, the metadata host, the node hosts. */
export function multihostLayout(subnet: string, nodes: number) {
  return {
    root: `${subnet}.1`,
    metadata: `${subnet}.10`,
    node: (index: number) => `${subnet}.${10 + index}`,
    hosts: ['md', ...Array.from({ length: nodes }, (_, i) => `n${i + 1}`)],
    nodes,
  };
}

/**
 * `keysDir` holds a network with https node and metadata URLs on `subnet`: kept when it
 * already does (same URLs, same verifier), else created anew (keys only, nothing stored).
 */
export function ensureMultihostNetwork(o: {
  keysDir: string;
  subnet: string;
  portOffset: number;
  nodes?: number;
  threshold?: number;
  config?: LocalConfig;
}): NetworkConfig {
  const config = o.config ?? loadLocalConfig();
  const nodes = o.nodes ?? config.nodes.count;
  const layout = multihostLayout(o.subnet, nodes);
  const oidcPort = config.oidc.port + o.portOffset;
  const wanted = {
    nodes: Array.from(
      { length: nodes },
      (_, i) => `https://${layout.node(i + 1)}:${config.nodes.basePort + o.portOffset + i}`,
    ),
    metadata: `https://${layout.metadata}:${config.metadata.port + o.portOffset}`,
    verifier: {
      name: 'trine-dev',
      issuer: `http://localhost:${oidcPort}`,
      audiences: [config.oidc.clientId],
      subjectClaim: 'sub',
      jwksUri: `https://${layout.root}:${oidcPort + 1}/jwks`,
    },
  };
  const file = networkPath(o.keysDir);
  if (existsSync(file)) {
    const network = parseNetworkConfig(JSON.parse(readFileSync(file, 'utf8')));
    const same =
      JSON.stringify(network.nodes.map((n) => n.url)) === JSON.stringify(wanted.nodes) &&
      network.metadata.url === wanted.metadata &&
      JSON.stringify(network.verifiers) === JSON.stringify([wanted.verifier]) &&
      network.threshold === (o.threshold ?? config.nodes.threshold);
    if (same) return network;
    rmSync(o.keysDir, { recursive: true, force: true });
  }
  const { network } = initNetwork({
    dir: o.keysDir,
    nodes,
    threshold: o.threshold ?? config.nodes.threshold,
    basePort: config.nodes.basePort + o.portOffset,
    metadataPort: config.metadata.port + o.portOffset,
    verifiers: [wanted.verifier],
  });
  // initNetwork puts every server on one host; here each has its own address, over https.
  const spread = parseNetworkConfig({
    ...network,
    nodes: network.nodes.map((node, i) => ({ ...node, url: wanted.nodes[i] })),
    metadata: { ...network.metadata, url: wanted.metadata },
  });
  writeFileSync(file, `${JSON.stringify(spread, null, 2)}\n`);
  return spread;
}

export async function startMultihostStack(o: StartMultihostStackParameters): Promise<MultihostStack> {
  const config = loadLocalConfig();
  const network = ensureMultihostNetwork(o);
  const layout = multihostLayout(o.subnet, network.nodes.length);
  rmSync(o.runDir, { recursive: true, force: true });
  mkdirSync(o.runDir, { recursive: true, mode: 0o700 });
  const ca = makeTestCa(join(o.runDir, 'tls'), [
    layout.root,
    layout.metadata,
    ...network.nodes.map((n) => layout.node(n.index)),
  ]);
  const net = createNamespaces({ prefix: o.prefix, subnet: o.subnet, hosts: layout.hosts });
  const services = new Map<string, ServiceHandle>();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([...services.values()].map((s) => s.stop()));
    net.remove();
  };
  try {
    const ctx: ServiceContext = { root: repoRoot, dir: o.runDir, host: config.host };
    const oidcPort = config.oidc.port + o.portOffset;
    const issuer = `http://localhost:${oidcPort}`;
    const base = (name: string) => ({ name, cwd: repoRoot, logFile: join(o.runDir, 'logs', `${name}.log`) });
    const env = { NODE_EXTRA_CA_CERTS: ca.caFile };
    const front = (
      name: string,
      ns: string | undefined,
      address: string,
      port: number,
      to: number,
      delay = 0,
    ) => {
      const tls = ca.server(address);
      const args = [...tsx, frontEntry, '--listen', `${address}:${port}`, '--to', `http://127.0.0.1:${to}`];
      args.push('--cert', tls.cert, '--key', tls.key, '--delay-ms', String(delay));
      return hosted(ns, { ...base(name), args, readyLine: /"msg":"listening"/ });
    };
    /** The server on `address` over its own TLS, or on loopback behind a slow front when `delay`. */
    const server = (
      name: string,
      ns: string,
      address: string,
      entry: string,
      files: { secrets: string; store: string },
      port: number,
      delay: number | undefined,
    ): SpawnServiceParameters[] => {
      const args = [...tsx, entry, '--network', networkPath(o.keysDir), '--secrets', files.secrets];
      args.push('--store', `sqlite:${join(o.runDir, files.store)}`, '--port', String(port));
      if (delay) args.push('--host', '127.0.0.1');
      else
        args.push(
          '--host',
          address,
          '--tls-cert',
          ca.server(address).cert,
          '--tls-key',
          ca.server(address).key,
        );
      const plan = hosted(ns, { ...base(name), env, readyLine: /"msg":"listening"/, args });
      return delay ? [plan, front(`${name}-front`, ns, address, port, port, delay)] : [plan];
    };

    const plans: SpawnServiceParameters[] = [
      oidcService(ctx, { port: oidcPort, issuer, redirectUris: [] }),
      front('jwks-front', undefined, layout.root, oidcPort + 1, oidcPort),
    ];
    if (o.chain)
      plans.push(
        chainService(ctx, { port: config.chain.port + o.portOffset, chainId: config.chain.chainId }),
      );
    for (const node of network.nodes) {
      const port = Number(new URL(node.url).port);
      const files = { secrets: nodeSecretsPath(o.keysDir, node.index), store: `node-${node.index}.sqlite` };
      const ns = net.host(`n${node.index}`).ns;
      const delay = o.delays?.[node.index];
      plans.push(...server(`node-${node.index}`, ns, layout.node(node.index), nodeEntry, files, port, delay));
    }
    const metadataPort = Number(new URL(network.metadata.url).port);
    const files = { secrets: metadataSecretsPath(o.keysDir), store: 'metadata.sqlite' };
    const md = net.host('md').ns;
    plans.push(
      ...server('metadata', md, layout.metadata, metadataEntry, files, metadataPort, o.delays?.metadata),
    );

    const started = await Promise.allSettled(plans.map((plan) => spawnService(plan)));
    for (const result of started)
      if (result.status === 'fulfilled') services.set(result.value.name, result.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    // Reached from the root namespace over HTTPS, checked against the test CA: the way the browser will.
    const caPem = readFileSync(ca.caFile);
    await Promise.all(
      [...network.nodes.map((n) => n.url), network.metadata.url].map((url) =>
        healthy(`${url}/healthz`, caPem),
      ),
    );
    await healthy(`https://${layout.root}:${oidcPort + 1}/jwks`, caPem);
    return {
      network,
      urls: {
        issuer,
        jwks: `https://${layout.root}:${oidcPort + 1}/jwks`,
        chain: `http://${config.host}:${config.chain.port + o.portOffset}`,
        nodes: network.nodes.map((n) => n.url),
        metadata: network.metadata.url,
      },
      clientId: config.oidc.clientId,
      ca,
      net,
      cutNode: (index) => net.cut(`n${index}`),
      restoreNode: (index) => net.restore(`n${index}`),
      services,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A process in namespace `ns` (or the root namespace when undefined). */
function hosted(
  ns: string | undefined,
  plan: Omit<SpawnServiceParameters, 'command'> & { args: string[] },
): SpawnServiceParameters {
  if (ns === undefined) return { ...plan, command: process.execPath };
  const prefix = inNamespace(ns);
  return { ...plan, command: prefix.command, args: [...prefix.args, process.execPath, ...plan.args] };
}

/** GET over HTTPS trusting only the test CA; 200 or a clear error naming the URL. */
export function healthy(url: string, ca: Buffer, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: timeoutMs }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve();
      else reject(new Error(`${url} answered ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(new Error(`${url}: ${error.message}`)));
    req.end();
  });
}
