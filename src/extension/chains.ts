/**
 * The chains the wallet knows: the configured ones (built in) and those the user added
 * (IndexedDB), and which one is selected. Issue 8 adds chains from dApps
 * (`wallet_addEthereumChain`) through `addChain`.
 */
import { invalidInput } from '../errors/index.ts';
import type { ChainConfig } from './config.ts';
import type { StoredChain, WalletDb } from './db.ts';
import { getSetting, setSetting } from './settings.ts';

export type Chain = ChainConfig & { builtIn: boolean; selected: boolean };

const selectedListeners = new Set<(chainId: `0x${string}`) => void>();

/** Told the chain id whenever a chain is selected (dApps get `chainChanged`). */
export function onChainSelected(listener: (chainId: `0x${string}`) => void): () => void {
  selectedListeners.add(listener);
  return () => selectedListeners.delete(listener);
}

export async function listChains(db: WalletDb, builtIn: readonly ChainConfig[]): Promise<Chain[]> {
  const added = (await db.getAll('chains')).filter((c) => !builtIn.some((b) => b.chainId === c.chainId));
  const all = [
    ...builtIn.map((c) => ({ ...c, builtIn: true })),
    ...added.map(({ addedAt: _, ...c }) => ({ ...c, builtIn: false })),
  ];
  const wanted = await getSetting(db, 'selectedChainId');
  const selectedId = all.some((c) => c.chainId === wanted) ? wanted : all[0]!.chainId;
  return all.map((c) => ({ ...c, selected: c.chainId === selectedId }));
}

export async function selectedChain(db: WalletDb, builtIn: readonly ChainConfig[]): Promise<Chain> {
  return (await listChains(db, builtIn)).find((c) => c.selected)!;
}

/** Select a known chain; an unknown id is refused and changes nothing. */
export async function selectChain(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chainId: `0x${string}`,
): Promise<Chain[]> {
  const chains = await listChains(db, builtIn);
  if (!chains.some((c) => c.chainId === chainId)) throw invalidInput('chainId', `unknown chain ${chainId}`);
  const before = chains.find((c) => c.selected)?.chainId;
  await setSetting(db, 'selectedChainId', chainId);
  if (before !== chainId) for (const listener of selectedListeners) listener(chainId);
  return chains.map((c) => ({ ...c, selected: c.chainId === chainId }));
}

/** Add (or update) a user chain; built-in chains cannot be replaced. */
export async function addChain(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chain: Omit<StoredChain, 'addedAt'>,
): Promise<void> {
  if (builtIn.some((b) => b.chainId === chain.chainId))
    throw invalidInput('chainId', `${chain.chainId} is built in`);
  await db.put('chains', { ...chain, addedAt: Date.now() });
}
