/** The wallet procedures about chains, balance and activity: views of the stores. */
import type { ActivityView, ChainView, WalletReplies } from '../messages/wallet.ts';
import { listActivity } from './activity.ts';
import { fetchBalance } from './balance.ts';
import { type Chain, listChains, selectChain, selectedChain } from './chains.ts';
import type { ChainConfig } from './config.ts';
import type { WalletDb } from './db.ts';

const chainViews = (chains: Chain[]): ChainView[] =>
  chains.map(({ chainId, name, rpcUrl, symbol, selected }) => ({ chainId, name, rpcUrl, symbol, selected }));

export async function chainsReply(db: WalletDb, builtIn: readonly ChainConfig[]): Promise<ChainView[]> {
  return chainViews(await listChains(db, builtIn));
}

export async function selectChainReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chainId: string,
): Promise<ChainView[]> {
  return chainViews(await selectChain(db, builtIn, chainId as `0x${string}`));
}

export async function activityReply(db: WalletDb): Promise<ActivityView[]> {
  return (await listActivity(db)).map(({ chainId: _, ...item }) => item);
}

export async function balanceReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  address: `0x${string}`,
  fetchFn?: typeof fetch,
): Promise<WalletReplies['wallet-balance']> {
  const chain = await selectedChain(db, builtIn);
  const wei = await fetchBalance(chain.rpcUrl, address, fetchFn);
  return { ok: true, chainId: chain.chainId, wei: wei.toString(), symbol: chain.symbol };
}
