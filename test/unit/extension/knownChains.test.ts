/**
 * The known public chains: each one a valid chain entry (the config schema) with an https
 * RPC and explorer, ids unique and as their EIP-155 registrations; the configured chains
 * come first (the local chain stays the default) and win over a known chain of the same id.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ChainConfig } from '../../../src/extension/config.ts';
import { builtInChains, KNOWN_CHAINS } from '../../../src/extension/knownChains.ts';

const local = {
  chainId: '0x7a69' as const,
  name: 'Trine local',
  rpcUrl: 'http://127.0.0.1:8545',
  symbol: 'ETH',
};

describe('known chains', () => {
  it('are Ethereum, Sepolia, Base, OP, Arbitrum One and Polygon with their EIP-155 ids', () => {
    expect(KNOWN_CHAINS.map((c) => [Number(BigInt(c.chainId)), c.name, c.symbol])).toEqual([
      [1, 'Ethereum', 'ETH'],
      [11155111, 'Sepolia', 'ETH'],
      [8453, 'Base', 'ETH'],
      [10, 'OP Mainnet', 'ETH'],
      [42161, 'Arbitrum One', 'ETH'],
      [137, 'Polygon PoS', 'POL'],
    ]);
  });

  it('each is a valid chain entry with https RPC and explorer, no key in the URL', () => {
    for (const chain of KNOWN_CHAINS) {
      expect(v.safeParse(ChainConfig, chain).success, chain.name).toBe(true);
      const rpc = new URL(chain.rpcUrl);
      expect(rpc.protocol).toBe('https:');
      expect(rpc.search + rpc.username + rpc.password).toBe('');
      expect(chain.explorerUrl).toMatch(/^https:\/\/[a-z.]+$/);
    }
  });

  it('come after the configured chains, which win over a known chain of the same id', () => {
    const all = builtInChains([local]);
    expect(all[0]).toBe(local);
    expect(all.map((c) => c.chainId)).toEqual([local.chainId, ...KNOWN_CHAINS.map((c) => c.chainId)]);
    const ownMainnet = { ...local, chainId: '0x1' as const, rpcUrl: 'https://rpc.example.org' };
    const withOwn = builtInChains([ownMainnet]);
    expect(withOwn.filter((c) => c.chainId === '0x1')).toEqual([ownMainnet]);
    expect(withOwn).toHaveLength(KNOWN_CHAINS.length);
  });
});
