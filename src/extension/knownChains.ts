/**
 * The well-known public chains every build knows, after the chains of the network config
 * (src/extension/config.ts): those come first, so the local chain stays the default in
 * development and test builds, and a config that names one of these chain ids wins.
 *
 * Each RPC is a public, keyless endpoint that answers browsers (CORS), run by the chain's
 * own team where it has one, else by PublicNode. The manifest grants exactly these origins
 * (src/extension/hostPermissions.ts); a chain the user adds must answer CORS instead.
 */
import type { ChainConfig } from './config.ts';

export const KNOWN_CHAINS: readonly ChainConfig[] = [
  {
    chainId: '0x1',
    name: 'Ethereum',
    rpcUrl: 'https://ethereum-rpc.publicnode.com',
    symbol: 'ETH',
    explorerUrl: 'https://etherscan.io',
  },
  {
    chainId: '0xaa36a7',
    name: 'Sepolia',
    rpcUrl: 'https://ethereum-sepolia-rpc.publicnode.com',
    symbol: 'ETH',
    explorerUrl: 'https://sepolia.etherscan.io',
  },
  {
    chainId: '0x2105',
    name: 'Base',
    rpcUrl: 'https://mainnet.base.org',
    symbol: 'ETH',
    explorerUrl: 'https://basescan.org',
  },
  {
    chainId: '0xa',
    name: 'OP Mainnet',
    rpcUrl: 'https://mainnet.optimism.io',
    symbol: 'ETH',
    explorerUrl: 'https://optimistic.etherscan.io',
  },
  {
    chainId: '0xa4b1',
    name: 'Arbitrum One',
    rpcUrl: 'https://arb1.arbitrum.io/rpc',
    symbol: 'ETH',
    explorerUrl: 'https://arbiscan.io',
  },
  {
    chainId: '0x89',
    name: 'Polygon PoS',
    rpcUrl: 'https://polygon-bor-rpc.publicnode.com',
    // The native token was renamed from MATIC in September 2024.
    symbol: 'POL',
    explorerUrl: 'https://polygonscan.com',
  },
];

const cache = new WeakMap<readonly ChainConfig[], readonly ChainConfig[]>();

/**
 * The built-in chains of a build: the configured ones, then the known public chains the
 * config does not name.
 *
 * @example
 * builtInChains(config.chains)[0]; // the network config's first chain (the local chain in dev)
 */
export function builtInChains(configured: readonly ChainConfig[]): readonly ChainConfig[] {
  let all = cache.get(configured);
  if (all === undefined) {
    all = [...configured, ...KNOWN_CHAINS.filter((k) => !configured.some((c) => c.chainId === k.chainId))];
    cache.set(configured, all);
  }
  return all;
}
