/**
 * What the approval shows before signing, besides the transaction itself: the dry run's
 * outcome with the sender's balance changes, and the warnings decoded from the calldata.
 *
 * Latency: everything needed for the common case goes out at once, meant to run in parallel
 * with gas estimation and fee reads (`Promise.all` with prepareTransaction): the simulation,
 * each recipient's code, and the symbol/decimals of each recipient called with a function we
 * know (an ERC-20 approve/transfer names its token in `to`). Only tokens that show up in the
 * simulated logs, were not read already and are not followed by the user need a second round
 * trip; the staged forms (`previewTransactionInStages`) let the approval open without it.
 *
 * Advisory: never throws, never changes the transaction.
 */
import { type Address, type Hex, isAddressEqual } from 'viem';
import type { BalanceChangeView, SimulationView, WarningView } from '../../../messages/dapp.ts';
import type { TokenWatchlist } from '../../tokens/watchlist.ts';
import type { Chain, ChainRpc } from '../services.ts';
import { balanceChanges } from '../simulate/balanceChanges.ts';
import { type SimulatedCall, type Simulation, simulateCalls } from '../simulate/simulateCalls.ts';
import { lookupOf, readTokenInfos, type TokenInfo } from '../simulate/tokenInfo.ts';
import { callWarnings } from '../warnings/callWarnings.ts';
import { recipientWarning } from '../warnings/recipientWarning.ts';
import { decodeCall } from './decode.ts';

export type TransactionPreview = { simulation: SimulationView; warnings: WarningView[] };

/** Token metadata the wallet already keeps (followed tokens), asked before the chain is. */
export type KnownTokens = (address: Address) => Promise<TokenInfo | undefined>;

/** The tokens the user follows on `chainId`, as known metadata. */
export const followedTokens =
  (tokens: TokenWatchlist, chainId: Hex): KnownTokens =>
  async (address) => {
    const token = await tokens.find(chainId, address).catch(() => undefined);
    return token === undefined
      ? undefined
      : { address: token.address, symbol: token.symbol, decimals: token.decimals };
  };

/** Token contracts read for one preview at most (a call that moves many tokens shows the rest raw). */
const MAX_TOKEN_READS = 8;

/**
 * @example
 * const [tx, preview] = await Promise.all([
 *   prepareTransaction(param, chain, rpc),
 *   previewTransaction({ from, to, value, data }, chain, rpc),
 * ]);
 * transactionView(tx, chainSummary(chain), preview);
 */
export async function previewTransaction(
  call: SimulatedCall,
  chain: Chain,
  rpc: ChainRpc,
  known?: KnownTokens,
): Promise<TransactionPreview> {
  const [preview] = await previewCalls([call], chain, rpc, known);
  return preview!;
}

/** One preview per call, the calls simulated in order (each sees the ones before it). */
export async function previewCalls(
  calls: readonly SimulatedCall[],
  chain: Chain,
  rpc: ChainRpc,
  known?: KnownTokens,
): Promise<TransactionPreview[]> {
  const { first, named } = await previewCallsInStages(calls, chain, rpc, known);
  return named === null ? first : await named;
}

/**
 * A preview ready to show, and, when the simulation moved tokens the wallet could not name
 * yet, the same preview with their symbols and decimals once they are read (one round trip
 * later). The approval shows `first` at once (those amounts in smallest units) and swaps in
 * `named` while the user reads: the preview never waits a second round trip.
 */
export type StagedPreview<T> = { first: T; named: Promise<T> | null };

export async function previewTransactionInStages(
  call: SimulatedCall,
  chain: Chain,
  rpc: ChainRpc,
  known?: KnownTokens,
): Promise<StagedPreview<TransactionPreview>> {
  const { first, named } = await previewCallsInStages([call], chain, rpc, known);
  return { first: first[0]!, named: named === null ? null : named.then((previews) => previews[0]!) };
}

export async function previewCallsInStages(
  calls: readonly SimulatedCall[],
  chain: Chain,
  rpc: ChainRpc,
  known: KnownTokens = async () => undefined,
): Promise<StagedPreview<TransactionPreview[]>> {
  const targets = distinct(calls.flatMap((c) => (c.to === null ? [] : [c.to])));
  const called = distinct(
    calls.flatMap((c) => (c.to !== null && decodeCall(c.data)?.signature != null ? [c.to] : [])),
  ).slice(0, MAX_TOKEN_READS);
  const [simulation, codes, tokens] = await Promise.all([
    simulateCalls(rpc, chain.rpcUrl, calls),
    Promise.all(targets.map((to) => codeOf(rpc, chain.rpcUrl, to))),
    readTokenInfos(rpc, chain.rpcUrl, called),
  ]);
  const changes = calls.map((call, i) => changesOf(simulation, i, call.from));
  const unread = distinct(
    changes.flatMap((list) => (list ?? []).flatMap((c) => (c.asset === 'native' ? [] : [c.asset]))),
  ).filter((a) => !called.some((t) => isAddressEqual(t, a)));
  // Tokens only the simulation revealed: the followed ones are known here, the rest cost a round trip.
  const local = await Promise.all(unread.map((address) => known(address).catch(() => undefined)));
  tokens.push(...local.filter((t): t is TokenInfo => t !== undefined));
  const remote = unread.filter((_, i) => local[i] === undefined).slice(0, MAX_TOKEN_READS - called.length);

  const previewsWith = (named: readonly TokenInfo[]): TransactionPreview[] => {
    const lookup = lookupOf([...named]);
    return calls.map((call, i) => {
      const code =
        call.to === null ? null : (codes[targets.findIndex((t) => isAddressEqual(t, call.to!))] ?? null);
      const recipient = recipientWarning(call.to, call.data, code, decodeCall(call.data)?.signature != null);
      return {
        simulation: simulationView(simulation, i, changes[i] ?? null, chain, lookup),
        warnings: [...callWarnings(call.to, call.data, lookup), ...(recipient === null ? [] : [recipient])],
      };
    });
  };
  const first = previewsWith(tokens);
  if (remote.length === 0) return { first, named: null };
  const named = readTokenInfos(rpc, chain.rpcUrl, remote).then(
    (read) => previewsWith([...tokens, ...read]),
    () => first,
  );
  return { first, named };
}

function changesOf(simulation: Simulation, index: number, from: Address) {
  if (simulation.method !== 'eth_simulateV1') return null;
  const outcome = simulation.calls[index];
  return outcome?.outcome === 'success' && outcome.logs !== null ? balanceChanges(from, outcome.logs) : null;
}

function simulationView(
  simulation: Simulation,
  index: number,
  changes: ReturnType<typeof changesOf>,
  chain: Chain,
  lookup: (address: Address) => TokenInfo | undefined,
): SimulationView {
  if (simulation.method === null) return { method: null, outcome: 'unavailable', reason: simulation.reason };
  const outcome = simulation.calls[index];
  if (outcome === undefined)
    return { method: null, outcome: 'unavailable', reason: 'no result for this call' };
  if (outcome.outcome === 'revert')
    return { method: simulation.method, outcome: 'revert', reason: outcome.reason };
  if (simulation.method === 'eth_call') return { method: 'eth_call', outcome: 'success' };
  return {
    method: 'eth_simulateV1',
    outcome: 'success',
    changes: (changes ?? []).map((c): BalanceChangeView => {
      const token = c.asset === 'native' ? undefined : lookup(c.asset);
      return {
        asset: c.asset,
        symbol: c.asset === 'native' ? chain.symbol : (token?.symbol ?? null),
        decimals: c.asset === 'native' ? 18 : (token?.decimals ?? null),
        amount: c.amount.toString(),
      };
    }),
  };
}

async function codeOf(rpc: ChainRpc, rpcUrl: string, address: Address): Promise<Hex | null> {
  const code = await rpc(rpcUrl, 'eth_getCode', [address, 'latest']).catch(() => null);
  return typeof code === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(code) ? (code as Hex) : null;
}

function distinct(addresses: readonly Address[]): Address[] {
  const seen = new Set<string>();
  return addresses.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()) !== undefined);
}
