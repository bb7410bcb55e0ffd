/** The wallet procedures about chains and balance: views of the stores. */
import { invalidInput } from '../errors/index.ts';
import type { ChainInput, ChainView, WalletReplies } from '../messages/wallet.ts';
import { fetchBalance } from './balance.ts';
import { checkChainId } from './chainIdCheck.ts';
import {
  addChain,
  type Chain,
  editChain,
  listChains,
  removeChain,
  selectChain,
  selectedChain,
} from './chains.ts';
import type { ChainConfig } from './config.ts';
import type { WalletDb } from './db.ts';
import { rpcCall } from './rpcBatch.ts';

const chainViews = (chains: Chain[]): ChainView[] =>
  chains.map(({ chainId, name, rpcUrl, symbol, selected, builtIn, explorerUrl }) => ({
    chainId,
    name,
    rpcUrl,
    symbol,
    selected,
    builtIn,
    explorerUrl,
  }));

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

/**
 * Add (`edit: false`) or change a user chain, once its RPC answers `eth_chainId` with the
 * entered id; otherwise nothing is stored.
 */
export async function saveChainReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  input: ChainInput,
  edit: boolean,
  fetchFn?: typeof fetch,
): Promise<ChainView[]> {
  // One spelling per chain (EIP-1193: lower case, no leading zeros), as dApps name it.
  const chainId = `0x${BigInt(input.chainId).toString(16)}` as const;
  if (chainId === '0x0') throw invalidInput('chainId', 'a chain id is a positive number');
  for (const field of ['name', 'symbol'] as const)
    if (/[\p{Cc}\p{Cf}]/u.test(input[field]))
      throw invalidInput(field, 'control or invisible characters are not allowed');
  const entry = { ...input, chainId, explorerUrl: input.explorerUrl?.replace(/\/+$/, '') ?? null };
  // Refuse a built-in or (un)known id before asking the RPC anything.
  const known = (await listChains(db, builtIn)).find((c) => c.chainId === chainId);
  if (known?.builtIn)
    throw invalidInput('chainId', `${known.name} (${BigInt(chainId)}) is built in and cannot be changed`);
  if (edit && known === undefined) throw invalidInput('chainId', `unknown chain ${chainId}`);
  if (!edit && known !== undefined)
    throw invalidInput(
      'chainId',
      `chain ${BigInt(chainId)} is already added (${known.name}); edit it instead`,
    );
  const check = await checkChainId(entry.rpcUrl, chainId, (method, params) =>
    rpcCall(entry.rpcUrl, method, params, fetchFn),
  );
  if (!check.ok) throw invalidInput('rpcUrl', check.problem);
  await (edit ? editChain : addChain)(db, builtIn, entry);
  return chainViews(await listChains(db, builtIn));
}

export async function removeChainReply(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chainId: string,
): Promise<ChainView[]> {
  return chainViews(await removeChain(db, builtIn, chainId as `0x${string}`));
}
