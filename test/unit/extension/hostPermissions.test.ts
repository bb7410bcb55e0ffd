/**
 * The manifest's host permissions come from the network the extension is built for: for a
 * network of https nodes on their own hosts, exactly those origins (with ports in Chrome,
 * hosts in Firefox), the metadata server, the issuer, the chain and the known public
 * chains' RPCs, and nothing wider.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { extensionConfigFor } from '../../../src/extension/config.ts';
import { hostPermissionsFor } from '../../../src/extension/hostPermissions.ts';
import { manifestFor } from '../../../vite.config.ts';

const key = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

function networkWith(urls: { nodes: string[]; metadata: string; issuer: string }): NetworkConfig {
  return {
    version: 1,
    threshold: 3,
    nodes: urls.nodes.map((url, i) => ({
      index: i + 1,
      url,
      signingKey: key(i + 1),
      encryptionKey: key(i + 50),
    })),
    metadata: { url: urls.metadata, signingKey: key(99) },
    verifiers: [
      {
        name: 'example',
        issuer: urls.issuer,
        audiences: ['wallet-client'],
        subjectClaim: 'sub',
        jwksUri: 'https://keys.example.org/jwks',
      },
    ],
  };
}

/** The RPC hosts of src/extension/knownChains.ts but Ethereum's (chain 0x1 is configured below). */
const publicRpcs = [
  'ethereum-sepolia-rpc.publicnode.com',
  'mainnet.base.org',
  'mainnet.optimism.io',
  'arb1.arbitrum.io',
  'polygon-bor-rpc.publicnode.com',
];

const chain = { chainId: '0x1' as const, name: 'Mainnet', rpcUrl: 'https://rpc.example.org', symbol: 'ETH' };
const production = extensionConfigFor(
  networkWith({
    nodes: [
      'https://node-a.example.org',
      'https://node-b.example.net:8443',
      'https://10.213.0.11:12201',
      'https://10.213.0.12:12202/trine',
      'https://[2001:db8::5]:9443',
    ],
    metadata: 'https://metadata.example.org:9300',
    issuer: 'https://accounts.example.com',
  }),
  [chain],
);

describe('host permissions of a build', () => {
  it('Chrome: exactly the origins of the nodes, metadata server, issuer and chain, each with its port', () => {
    expect(manifestFor('chrome', production).host_permissions).toEqual([
      'https://node-a.example.org:443/*',
      'https://node-b.example.net:8443/*',
      'https://10.213.0.11:12201/*',
      'https://10.213.0.12:12202/*',
      'https://[2001:db8::5]:9443/*',
      'https://metadata.example.org:9300/*',
      'https://accounts.example.com:443/*',
      'https://rpc.example.org:443/*',
      // The known public chains but Ethereum, which this network configures itself.
      ...publicRpcs.map((host) => `https://${host}:443/*`),
    ]);
  });

  it('Firefox: the same hosts without ports (its match patterns take none)', () => {
    expect(manifestFor('firefox', production).host_permissions).toEqual([
      'https://node-a.example.org/*',
      'https://node-b.example.net/*',
      'https://10.213.0.11/*',
      'https://10.213.0.12/*',
      'https://[2001:db8::5]/*',
      'https://metadata.example.org/*',
      'https://accounts.example.com/*',
      'https://rpc.example.org/*',
      ...publicRpcs.map((host) => `https://${host}/*`),
    ]);
  });

  it('the rest of the manifest asks for no host: no <all_urls>, no other permission added', () => {
    const manifest = manifestFor('chrome', production);
    expect(manifest.permissions).toEqual(['storage', 'identity', 'alarms']);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest).not.toHaveProperty('optional_host_permissions');
  });

  it('the local development network: loopback origins with their ports, one entry per origin', () => {
    const local = extensionConfigFor(
      networkWith({
        nodes: ['http://127.0.0.1:9201', 'http://127.0.0.1:9202', 'http://127.0.0.1:9201/'],
        metadata: 'http://127.0.0.1:9300',
        issuer: 'http://localhost:9400',
      }),
      [{ ...chain, rpcUrl: 'http://127.0.0.1:8545' }],
    );
    expect(hostPermissionsFor(local, 'chrome')).toEqual([
      'http://127.0.0.1:9201/*',
      'http://127.0.0.1:9202/*',
      'http://127.0.0.1:9300/*',
      'http://localhost:9400/*',
      'http://127.0.0.1:8545/*',
      ...publicRpcs.map((host) => `https://${host}:443/*`),
    ]);
    expect(hostPermissionsFor(local, 'firefox')).toEqual([
      'http://127.0.0.1/*',
      'http://localhost/*',
      ...publicRpcs.map((host) => `https://${host}/*`),
    ]);
  });

  it('refuses a build whose network names a plain-http server off loopback, naming it', () => {
    const plain = extensionConfigFor(
      networkWith({
        nodes: ['https://node-a.example.org', 'https://node-b.example.org', 'http://node-c.example.org:9203'],
        metadata: 'https://metadata.example.org',
        issuer: 'https://accounts.example.com',
      }),
      [chain],
    );
    expect(() => hostPermissionsFor(plain, 'chrome')).toThrow(
      'node 3 is http://node-c.example.org:9203: plain http is allowed only on loopback; use https',
    );
  });
});
