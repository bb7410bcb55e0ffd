/**
 * The ERC-20 tokens the user follows, per chain (IndexedDB `tokens`, keyed
 * `${chainId}:${lower-case address}`). Public data: what the user chose to watch.
 */
import { invalidInput } from '../../errors/index.ts';
import type { StoredToken, WalletDb } from '../db.ts';

/** Enough for any real portfolio; bounds one batch of balance reads. */
export const MAX_TOKENS_PER_CHAIN = 200;

export function tokenId(chainId: `0x${string}`, address: `0x${string}`): string {
  return `${chainId}:${address.toLowerCase()}`;
}

/** The followed tokens of a chain, oldest first. */
export async function listTokens(db: WalletDb, chainId: `0x${string}`): Promise<StoredToken[]> {
  const tokens = await db.getAllFromIndex('tokens', 'by-chain', chainId);
  return tokens.sort((a, b) => a.addedAt - b.addedAt);
}

export async function findToken(
  db: WalletDb,
  chainId: `0x${string}`,
  address: `0x${string}`,
): Promise<StoredToken | undefined> {
  return db.get('tokens', tokenId(chainId, address));
}

/** Follow a token; one already followed or one too many is refused and nothing changes. */
export async function followToken(
  db: WalletDb,
  token: Omit<StoredToken, 'id' | 'addedAt'>,
  now = Date.now(),
): Promise<StoredToken> {
  const tx = db.transaction('tokens', 'readwrite');
  const id = tokenId(token.chainId, token.address);
  if ((await tx.store.get(id)) !== undefined)
    throw invalidInput('address', `${token.symbol} (${token.address}) is already in your token list`);
  if ((await tx.store.index('by-chain').count(token.chainId)) >= MAX_TOKENS_PER_CHAIN)
    throw invalidInput('address', `at most ${MAX_TOKENS_PER_CHAIN} tokens per chain; remove one first`);
  const stored: StoredToken = { ...token, id, addedAt: now };
  await tx.store.add(stored);
  await tx.done;
  return stored;
}

/** Stop following a token; one not followed is refused. */
export async function unfollowToken(
  db: WalletDb,
  chainId: `0x${string}`,
  address: `0x${string}`,
): Promise<void> {
  const tx = db.transaction('tokens', 'readwrite');
  const id = tokenId(chainId, address);
  if ((await tx.store.get(id)) === undefined)
    throw invalidInput('address', `${address} is not in your token list`);
  await tx.store.delete(id);
  await tx.done;
}
