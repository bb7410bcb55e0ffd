/**
 * The token store as the dApp methods see it (`wallet_watchAsset`): find a followed token,
 * follow one. `storedWatchlist` is IndexedDB (tokenStore.ts); `memoryWatchlist` is for tests
 * of the provider methods, which keep their stores in memory.
 */
import type { StoredToken, WalletDb } from '../db.ts';
import { findToken, followToken, tokenId } from './tokenStore.ts';

export type TokenWatchlist = {
  find(chainId: `0x${string}`, address: `0x${string}`): Promise<StoredToken | undefined>;
  follow(token: Omit<StoredToken, 'id' | 'addedAt'>): Promise<void>;
};

export function storedWatchlist(db: () => Promise<WalletDb>): TokenWatchlist {
  return {
    find: async (chainId, address) => findToken(await db(), chainId, address),
    follow: async (token) => {
      await followToken(await db(), token);
    },
  };
}

export function memoryWatchlist(): TokenWatchlist & { tokens: StoredToken[] } {
  const tokens: StoredToken[] = [];
  return {
    tokens,
    find: async (chainId, address) => tokens.find((t) => t.id === tokenId(chainId, address)),
    follow: async (token) => {
      tokens.push({ ...token, id: tokenId(token.chainId, token.address), addedAt: Date.now() });
    },
  };
}
