/**
 * The token procedures' answers: the selected chain's followed tokens with the selected
 * account's balances, read in one JSON-RPC batch (one round trip however many tokens).
 */
import { getAddress } from 'viem';
import { invalidInput, TrineError } from '../../errors/index.ts';
import type { TokenView, WalletReplies } from '../../messages/wallet.ts';
import { selectedChain } from '../chains.ts';
import type { ChainConfig } from '../config.ts';
import type { StoredToken, WalletDb } from '../db.ts';
import { rpcBatch } from '../rpcBatch.ts';
import { balanceOfCall, readErc20, uint256Of } from './erc20.ts';
import { followToken, listTokens, unfollowToken } from './tokenStore.ts';

type TokensReply = WalletReplies['wallet-tokens'];

const viewOf = (token: StoredToken, balance: bigint): TokenView => ({
  address: getAddress(token.address),
  symbol: token.symbol,
  name: token.name,
  decimals: token.decimals,
  balance: balance.toString(),
});

/** Balances of `owner` in each token, one batch; a token that does not answer fails the read. */
export async function tokenBalances(
  rpcUrl: string,
  owner: `0x${string}`,
  tokens: readonly StoredToken[],
  fetchFn?: typeof fetch,
): Promise<bigint[]> {
  const outcomes = await rpcBatch(
    rpcUrl,
    tokens.map((t) => balanceOfCall(t.address, owner)),
    fetchFn,
  );
  return outcomes.map((outcome, i) => {
    const balance = uint256Of(outcome);
    if (balance === null)
      throw new TrineError({
        code: 'chain-error',
        message: `the balance of ${tokens[i]!.symbol} could not be read from ${rpcUrl}`,
      });
    return balance;
  });
}

export async function tokensReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  owner: `0x${string}`,
  fetchFn?: typeof fetch,
): Promise<TokensReply> {
  const chain = await selectedChain(db, builtIn);
  const tokens = await listTokens(db, chain.chainId);
  const balances = await tokenBalances(chain.rpcUrl, owner, tokens, fetchFn);
  return { ok: true, chainId: chain.chainId, tokens: tokens.map((t, i) => viewOf(t, balances[i]!)) };
}

/** Follow the ERC-20 at `address` on the selected chain, after reading it from the chain. */
export async function addTokenReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  owner: `0x${string}`,
  address: `0x${string}`,
  fetchFn?: typeof fetch,
): Promise<WalletReplies['wallet-add-token']> {
  const chain = await selectedChain(db, builtIn);
  const checksummed = checksumOf(address);
  const facts = await readErc20(chain.rpcUrl, checksummed, owner, fetchFn);
  const stored = await followToken(db, {
    chainId: chain.chainId,
    address: checksummed,
    symbol: facts.symbol,
    name: facts.name,
    decimals: facts.decimals,
    image: null,
  });
  return { ...(await tokensReply(db, builtIn, owner, fetchFn)), added: viewOf(stored, facts.balance) };
}

export async function removeTokenReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  owner: `0x${string}`,
  address: `0x${string}`,
  fetchFn?: typeof fetch,
): Promise<TokensReply> {
  const chain = await selectedChain(db, builtIn);
  await unfollowToken(db, chain.chainId, checksumOf(address));
  return tokensReply(db, builtIn, owner, fetchFn);
}

/** EIP-55 form; a mixed-case address whose checksum is wrong is a typo and is refused. */
function checksumOf(address: `0x${string}`): `0x${string}` {
  const checksummed = getAddress(address.toLowerCase());
  const mixed =
    address.slice(2) !== address.slice(2).toLowerCase() &&
    address.slice(2) !== address.slice(2).toUpperCase();
  if (mixed && checksummed !== address)
    throw invalidInput('address', `${address} has a wrong checksum (mixed case); check it`);
  return checksummed;
}
