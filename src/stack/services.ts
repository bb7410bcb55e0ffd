/**
 * How each service of the local stack is launched: command line, port and readiness check.
 * Tests that need a custom set-up (a second metadata replica, a node with another store)
 * start the same processes from these descriptions with `spawnService`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { metadataSecretsPath, networkPath, nodeSecretsPath } from '../config/init-network.ts';
import type { SpawnServiceParameters } from './process.ts';

export const serviceNames = ['oidc', 'chain', 'nodes', 'metadata', 'dapp'] as const;
export type ServiceName = (typeof serviceNames)[number];

export type ServiceContext = {
  /** Repository root: entry files are resolved against it. */
  root: string;
  /** Network data directory (network.json, secrets, stores, logs). */
  dir: string;
  host: string;
  /** Echo every output line, prefixed with the service name. */
  echo?: (name: string, line: string) => void;
};

/**
 * TypeScript entry points run as `node --import tsx <entry>`: one process per service
 * (the `tsx` command would add a second node process in front of it).
 */
const node = process.execPath;
const tsx = ['--import', 'tsx'];
export const nodeEntry = 'src/node/main.ts';
export const metadataEntry = 'src/metadata/main.ts';
export const oidcEntry = 'src/oidc/main.ts';
export const dappEntry = 'src/stack/dapp-main.ts';

/** Whether a service's entry file has landed in this checkout. */
export const entryExists = (ctx: ServiceContext, entry: string) => existsSync(join(ctx.root, entry));

function base(ctx: ServiceContext, name: string): Partial<SpawnServiceParameters> & { name: string } {
  return {
    name,
    cwd: ctx.root,
    host: ctx.host,
    logFile: join(ctx.dir, 'logs', `${name}.log`),
    ...(ctx.echo ? { onLine: (line: string) => ctx.echo?.(name, line) } : {}),
  };
}

export function oidcService(
  ctx: ServiceContext,
  o: { port: number; issuer: string; redirectUris: string[]; ttlSeconds?: number },
): SpawnServiceParameters {
  const args = ['--port', String(o.port), '--issuer', o.issuer, '--data', join(ctx.dir, 'oidc')];
  for (const uri of o.redirectUris) args.push('--redirect-uri', uri);
  if (o.ttlSeconds) args.push('--ttl', String(o.ttlSeconds));
  return {
    ...base(ctx, 'oidc'),
    command: node,
    args: [...tsx, oidcEntry, ...args],
    port: o.port,
    readyUrl: `${o.issuer}/.well-known/openid-configuration`,
  };
}

/**
 * The platform binary inside @foundry-rs/anvil, run directly: its `anvil` wrapper is a node
 * script that spawns it, one more process to stop and to leave behind as a zombie.
 */
export function anvilBinary(root: string): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const direct = join(
    root,
    'node_modules',
    '@foundry-rs',
    `anvil-${process.platform}-${arch}`,
    'bin',
    'anvil',
  );
  return existsSync(direct) ? direct : 'anvil';
}

export function chainService(
  ctx: ServiceContext,
  o: { port: number; chainId: number; persist?: boolean },
): SpawnServiceParameters {
  const args = ['--host', ctx.host, '--port', String(o.port), '--chain-id', String(o.chainId)];
  args.push('--accounts', '10', '--balance', '10000');
  if (o.persist) args.push('--state', join(ctx.dir, 'chain-state.json'));
  return {
    ...base(ctx, 'chain'),
    command: anvilBinary(ctx.root),
    args,
    port: o.port,
    readyLine: /Listening on/,
    installHint: 'It ships in the npm package @foundry-rs/anvil: run `npm ci`.',
  };
}

export function nodeService(
  ctx: ServiceContext,
  o: { index: number; port: number; store: string },
): SpawnServiceParameters {
  return {
    ...base(ctx, `node-${o.index}`),
    command: node,
    args: [
      ...tsx,
      nodeEntry,
      ...['--network', networkPath(ctx.dir), '--secrets', nodeSecretsPath(ctx.dir, o.index)],
      ...['--store', o.store, '--port', String(o.port)],
    ],
    port: o.port,
    readyUrl: `http://${ctx.host}:${o.port}/healthz`,
  };
}

export function metadataService(
  ctx: ServiceContext,
  o: { port: number; store: string; name?: string },
): SpawnServiceParameters {
  return {
    ...base(ctx, o.name ?? 'metadata'),
    command: node,
    args: [
      ...tsx,
      metadataEntry,
      ...['--network', networkPath(ctx.dir), '--secrets', metadataSecretsPath(ctx.dir)],
      ...['--store', o.store, '--port', String(o.port)],
    ],
    port: o.port,
    readyUrl: `http://${ctx.host}:${o.port}/healthz`,
  };
}

export function dappService(ctx: ServiceContext, o: { port: number; root: string }): SpawnServiceParameters {
  return {
    ...base(ctx, 'dapp'),
    command: node,
    args: [...tsx, dappEntry, '--port', String(o.port), '--root', o.root, '--host', ctx.host],
    port: o.port,
    readyUrl: `http://localhost:${o.port}/`,
  };
}
