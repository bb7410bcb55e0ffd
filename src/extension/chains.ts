/**
 * The chains the wallet knows: the built-in ones (the network config's, then the known
 * public chains: src/extension/knownChains.ts) and those the user added (IndexedDB), and
 * which one is selected. Users add, edit and remove their own chains (Settings → Chains,
 * `wallet_addEthereumChain`); built-in chains cannot be changed.
 */
import { invalidInput } from '../errors/index.ts';
import type { ChainConfig } from './config.ts';
import type { StoredChain, WalletDb } from './db.ts';
import { getSetting, setSetting } from './settings.ts';

export type Chain = Omit<ChainConfig, 'explorerUrl'> & {
  explorerUrl: string | null;
  builtIn: boolean;
  selected: boolean;
};

/** A user chain as entered (the store adds `addedAt`). */
export type ChainEntry = Omit<StoredChain, 'addedAt'>;

const selectedListeners = new Set<(chainId: `0x${string}`) => void>();

/** Told the chain id whenever a chain is selected (dApps get `chainChanged`). */
export function onChainSelected(listener: (chainId: `0x${string}`) => void): () => void {
  selectedListeners.add(listener);
  return () => selectedListeners.delete(listener);
}

export async function listChains(db: WalletDb, builtIn: readonly ChainConfig[]): Promise<Chain[]> {
  const added = (await db.getAll('chains')).filter((c) => !builtIn.some((b) => b.chainId === c.chainId));
  const all = [
    ...builtIn.map((c) => ({ ...c, explorerUrl: c.explorerUrl ?? null, builtIn: true })),
    ...added.map(({ addedAt: _, ...c }) => ({ ...c, explorerUrl: c.explorerUrl ?? null, builtIn: false })),
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

/** Add a user chain; a built-in chain or one already added is refused (edit it instead). */
export async function addChain(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chain: ChainEntry,
): Promise<void> {
  refuseBuiltIn(builtIn, chain.chainId);
  const tx = db.transaction('chains', 'readwrite');
  if ((await tx.store.get(chain.chainId)) !== undefined)
    throw invalidInput('chainId', `chain ${Number(BigInt(chain.chainId))} is already added; edit it instead`);
  await tx.store.add({ ...chain, addedAt: Date.now() });
  await tx.done;
}

/** Change a user chain's name, RPC, symbol or explorer; its id stays. */
export async function editChain(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chain: ChainEntry,
): Promise<void> {
  refuseBuiltIn(builtIn, chain.chainId);
  const tx = db.transaction('chains', 'readwrite');
  const stored = await tx.store.get(chain.chainId);
  if (stored === undefined) throw invalidInput('chainId', `unknown chain ${chain.chainId}`);
  await tx.store.put({ ...chain, addedAt: stored.addedAt });
  await tx.done;
}

/**
 * Forget a user chain and the tokens followed on it. If it was selected, the first built-in chain is selected and the
 * listeners hear of it (connected dApps get `chainChanged`).
 */
export async function removeChain(
  db: WalletDb,
  builtIn: readonly ChainConfig[],
  chainId: `0x${string}`,
): Promise<Chain[]> {
  refuseBuiltIn(builtIn, chainId);
  const before = await listChains(db, builtIn);
  const chain = before.find((c) => c.chainId === chainId);
  if (chain === undefined) throw invalidInput('chainId', `unknown chain ${chainId}`);
  const tx = db.transaction(['chains', 'tokens'], 'readwrite');
  await tx.objectStore('chains').delete(chainId);
  // Its followed tokens go with it: re-adding the chain starts an empty list.
  for (const key of await tx.objectStore('tokens').index('by-chain').getAllKeys(chainId))
    await tx.objectStore('tokens').delete(key);
  await tx.done;
  if (chain.selected) {
    // Selected explicitly, and told: the list alone would fall back without an event.
    const fallback = builtIn[0]!.chainId;
    await setSetting(db, 'selectedChainId', fallback);
    for (const listener of selectedListeners) listener(fallback);
  }
  return listChains(db, builtIn);
}

function refuseBuiltIn(builtIn: readonly ChainConfig[], chainId: `0x${string}`): void {
  const known = builtIn.find((b) => b.chainId === chainId);
  if (known !== undefined)
    throw invalidInput(
      'chainId',
      `${known.name} (${Number(BigInt(chainId))}) is built in and cannot be changed`,
    );
}
