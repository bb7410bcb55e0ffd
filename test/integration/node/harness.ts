/**
 * A real node network for the integration tests: a fresh network directory (initNetwork)
 * on a random block of loopback ports, the development OpenID provider, and N node
 * processes (src/node/main.ts) on SQLite files or fresh PostgreSQL schemas, all spawned
 * with the stack's supervisor. Logins are real (devLogin: code flow with PKCE); negative
 * tests forge tokens with the provider's private RS256 key from `<data>/oidc-jwks.json`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import pg from 'pg';
import type { NodeLogin } from '../../../src/clients/nodes/types.ts';
import type { CandidateKey } from '../../../src/wallet/backend.ts';

/** A login of the test's own making: its candidate metadata key's private half too (for registering). */
export type TestLogin = NodeLogin & { candidate: CandidateKey };

import { initNetwork, nodeSecretsPath } from '../../../src/config/init-network.ts';
import { repoRoot } from '../../../src/config/local.ts';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { devLogin } from '../../../src/oidc/devLogin.ts';
import { jwksPath } from '../../../src/oidc/jwks.ts';
import { freePort, isPortFree } from '../../../src/stack/ports.ts';
import { type ServiceHandle, spawnService } from '../../../src/stack/process.ts';
import { nodeService, oidcService, type ServiceContext } from '../../../src/stack/services.ts';
import { newLoginKeys } from '../../../src/wallet/loginKeys.ts';

export type Backend = 'sqlite' | 'postgres';
export const PG_URL = process.env.TRINE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const CLIENT_ID = 'trine-extension';
export const VERIFIER = 'trine-dev';

export type NodeNetwork = {
  dir: string;
  network: NetworkConfig;
  issuer: string;
  backend: Backend;
  /** Store URL of node j. */
  storeOf(index: number): string;
  node(index: number): ServiceHandle;
  /** A real login of a development account, bound to a fresh session key. */
  login(account: string): Promise<TestLogin>;
  /** A login of any subject with a token signed by the provider's real key (the dev provider has 5 accounts). */
  loginAs(subject: string): Promise<TestLogin>;
  /** A token signed with the provider's real key, with any claims/header (negative tests). */
  forge(claims: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  privateJwk(): JWK;
  secretsOf(index: number): {
    storageKey: string;
    signingKey: string;
    encryptionKey: string;
    networkSalt: string;
  };
  stop(): Promise<void>;
};

export type StartNodeNetworkParameters = {
  nodes: number;
  threshold: number;
  backend: Backend;
  /** Extra node arguments (e.g. rate limits). */
  nodeArgs?: string[];
};

/** `count` consecutive free ports from a random base (initNetwork numbers nodes from basePort). */
async function freeBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isPortFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no block of free ports');
}

export async function startNodeNetwork(p: StartNodeNetworkParameters): Promise<NodeNetwork> {
  const dir = mkdtempSync(join(tmpdir(), 'trine-nodes-'));
  const oidcPort = await freePort();
  const issuer = `http://localhost:${oidcPort}`;
  const basePort = await freeBlock(p.nodes);
  const { network } = initNetwork({
    dir,
    nodes: p.nodes,
    threshold: p.threshold,
    basePort,
    metadataPort: await freePort(),
    verifiers: [{ name: VERIFIER, issuer, audiences: [CLIENT_ID], subjectClaim: 'sub' }],
  });
  const prefix = `node_test_${toHex(randomBytes(5))}`;
  const storeOf = (j: number) =>
    p.backend === 'sqlite' ? `sqlite:${join(dir, `node-${j}.sqlite`)}` : `${PG_URL}?schema=${prefix}_${j}`;
  const ctx: ServiceContext = { root: repoRoot, dir, host: '127.0.0.1' };
  const redirectUri = `http://localhost:${oidcPort}/test-callback`;
  const services = new Map<number, ServiceHandle>();
  let oidc: ServiceHandle | undefined;
  const stop = async () => {
    await Promise.all([...services.values(), ...(oidc ? [oidc] : [])].map((s) => s.stop(2000)));
    if (p.backend === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      for (const node of network.nodes)
        await client.query(`DROP SCHEMA IF EXISTS "${prefix}_${node.index}" CASCADE`);
      await client.end();
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    oidc = await spawnService(oidcService(ctx, { port: oidcPort, issuer, redirectUris: [redirectUri] }));
    await Promise.all(
      network.nodes.map(async (node) => {
        const spec = nodeService(ctx, {
          index: node.index,
          port: basePort + node.index - 1,
          store: storeOf(node.index),
        });
        const args = [...(spec.args ?? []), ...(p.nodeArgs ?? ['--identity-rate', '100'])];
        services.set(node.index, await spawnService({ ...spec, args, timeoutMs: 60_000 }));
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const forge = async (claims: JWTPayload, header: Record<string, unknown> = {}) => {
    const key = jwk();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, aud: CLIENT_ID, iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid!, ...header })
      .sign(await importJWK(key, 'RS256'));
  };
  const jwk = () =>
    (JSON.parse(readFileSync(jwksPath(join(dir, 'oidc')), 'utf8')) as { keys: JWK[] }).keys[0]!;
  return {
    dir,
    network,
    issuer,
    backend: p.backend,
    storeOf,
    node: (j) => services.get(j)!,
    async login(account) {
      const { session, candidate, nonce } = await newLoginKeys();
      const idToken = await devLogin({ issuer, clientId: CLIENT_ID, redirectUri, account, nonce });
      return { verifier: VERIFIER, idToken, session, candidate };
    },
    async loginAs(subject) {
      const { session, candidate, nonce } = await newLoginKeys();
      return { verifier: VERIFIER, idToken: await forge({ sub: subject, nonce }), session, candidate };
    },
    forge,
    privateJwk: jwk,
    secretsOf: (j) => JSON.parse(readFileSync(nodeSecretsPath(dir, j), 'utf8')),
    stop,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
export type Answer = { status: number; body: any };

export async function post(url: string, body: unknown, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}
