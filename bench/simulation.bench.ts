/**
 * The transaction preview's cost in latency: the time from a dApp's transaction to the
 * approval view, with and without the preview (simulation, recipient code, token metadata),
 * through a proxy that holds every JSON-RPC request for DELAY_MS in front of anvil — the
 * node's round trip dominates, as it does for a remote node. The preview's requests go out
 * with gas estimation and fee history (one Promise.all), so it should cost at most one more
 * round trip: `simulation.extra_round_trips` = (median with − median without) / DELAY_MS,
 * the worst of a token transfer, an unlimited approve, a plain send and a call whose token
 * only the simulation reveals but the user follows (no round trip);
 * `simulation.extra_round_trips_log_tokens` for that call when the wallet does not know the
 * token: the approval opens with the amount in smallest units (the first stage, as
 * eth_sendTransaction shows it), and `_named` says when the symbol and decimals, read after
 * the simulation, are in it (one more round trip, while the user reads). Same code as the service worker
 * (tx/build.ts, tx/preview.ts, tx/view.ts), run in Node. Contract: scripts/bench.mjs.
 */
import { encodeFunctionData, erc20Abi, maxUint256, parseAbi, parseEther } from 'viem';
import { chainRpc } from '../src/extension/dapp/chainRpc.ts';
import type { Chain } from '../src/extension/dapp/services.ts';
import type { SimulatedCall } from '../src/extension/dapp/simulate/simulateCalls.ts';
import { prepareTransaction } from '../src/extension/dapp/tx/build.ts';
import {
  followedTokens,
  type KnownTokens,
  previewTransactionInStages,
} from '../src/extension/dapp/tx/preview.ts';
import { transactionView } from '../src/extension/dapp/tx/view.ts';
import { memoryWatchlist } from '../src/extension/tokens/watchlist.ts';
import { deployTestToken } from '../test/helpers/testToken.ts';
import { DEV_ADDRESS, startAnvil } from '../test/unit/dapp/anvil.ts';
import { startDelayProxy } from './lib/delayProxy.ts';

const quick = process.argv.includes('--quick') || process.env.TRINE_BENCH_QUICK === '1';
const DELAY_MS = 50;
const rounds = quick ? 7 : 25;
const friend = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

const anvil = await startAnvil({ chainId: 31337 });
const proxy = await startDelayProxy(anvil.url, DELAY_MS);
try {
  const token = await deployTestToken(anvil.url, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  await token.mint(DEV_ADDRESS, 1_000_000_000n);
  const chain: Chain = { chainId: '0x7a69', name: 'anvil', rpcUrl: proxy.url, symbol: 'ETH' };
  const summary = { chainId: chain.chainId, name: chain.name, symbol: chain.symbol };
  const cases = {
    'token transfer': {
      from: DEV_ADDRESS,
      to: token.address,
      value: 0n,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [friend, 1_000_000n] }),
    },
    'unlimited approve': {
      from: DEV_ADDRESS,
      to: token.address,
      value: 0n,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [friend, maxUint256] }),
    },
    'plain send': { from: DEV_ADDRESS, to: friend, value: parseEther('1'), data: '0x' as const },
  };
  // A call Trine cannot name (TestToken's mint: not in the ERC-20 ABI) whose simulation moves a
  // token: its metadata is read after the simulation, as for a router's swap. One round trip more.
  const logTokenCase = {
    from: DEV_ADDRESS,
    to: token.address,
    value: 0n,
    data: encodeFunctionData({
      abi: parseAbi(['function mint(address to, uint256 amount)']),
      functionName: 'mint',
      args: [DEV_ADDRESS, 1n],
    }),
  };

  const time = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  // The same call when the user follows the token: its metadata is in the wallet already.
  const watchlist = memoryWatchlist();
  await watchlist.follow({
    chainId: chain.chainId,
    address: token.address,
    symbol: 'TUSD',
    decimals: 6,
    name: 'Test Dollar',
    image: null,
  });
  const followed = followedTokens(watchlist, chain.chainId);
  const none: KnownTokens = async () => undefined;
  const runs: [string, SimulatedCall, KnownTokens][] = [
    ...Object.entries(cases).map(([name, call]): [string, SimulatedCall, KnownTokens] => [name, call, none]),
    ['token seen only in the logs, followed', logTokenCase, followed],
    ['token seen only in the logs', logTokenCase, none],
  ];
  const results: { name: string; without: number; with: number; named: number | null }[] = [];
  for (const [name, call, known] of runs) {
    const without = async () => transactionView(await prepareTransaction(call, chain, chainRpc), summary);
    // As eth_sendTransaction does: the approval opens with the first stage; tokens only the
    // simulation reveals are named in it a round trip later (`named`: until then, in ms).
    const withPreview = async (): Promise<{ first: number; named: number | null }> => {
      const started = performance.now();
      const [tx, preview] = await Promise.all([
        prepareTransaction(call, chain, chainRpc),
        previewTransactionInStages(call, chain, chainRpc, known),
      ]);
      const view = transactionView(tx, summary, preview.first);
      if (view.simulation?.outcome !== 'success') throw new Error(`${name}: the simulation did not succeed`);
      const first = performance.now() - started;
      if (preview.named === null) return { first, named: null };
      await preview.named;
      return { first, named: performance.now() - started };
    };
    await without(); // warm-up: connections, JIT
    await withPreview();
    const a: number[] = [];
    const b: number[] = [];
    const named: number[] = [];
    for (let i = 0; i < rounds; i++) {
      a.push(await time(without)); // interleaved, so drift on a shared machine hits both alike
      const staged = await withPreview();
      b.push(staged.first);
      if (staged.named !== null) named.push(staged.named);
    }
    results.push({ name, without: median(a), with: median(b), named: named.length ? median(named) : null });
    console.info(
      `${name}: prepare → view ${median(a).toFixed(1)} ms without the preview, ${median(b).toFixed(1)} ms with it${named.length ? `, tokens named at ${median(named).toFixed(1)} ms` : ''} (median of ${rounds}, ${DELAY_MS} ms per request)`,
    );
  }
  const extraOf = (r: (typeof results)[number]) => Math.max(0, (r.with - r.without) / DELAY_MS);
  const extra = Math.max(...results.slice(0, -1).map(extraOf));
  const logTokens = extraOf(results.at(-1)!);
  const logTokensNamed =
    Math.max(0, (results.at(-1)!.named ?? results.at(-1)!.with) - results.at(-1)!.without) / DELAY_MS;
  const transfer = results[0]!;
  console.info(
    `extra round trips to the approval: ${extra.toFixed(2)} when the token is named or followed, ${logTokens.toFixed(2)} when only the simulation finds it (named in the open approval after ${logTokensNamed.toFixed(2)}); must be ≤ 1`,
  );
  process.stdout.write(
    `${JSON.stringify({
      'simulation.extra_round_trips': round(extra, 2),
      'simulation.extra_round_trips_log_tokens': round(logTokens, 2),
      'simulation.extra_round_trips_log_tokens_named': round(logTokensNamed, 2),
      'simulation.prepare_ms': round(transfer.without, 1),
      'simulation.prepare_with_preview_ms': round(transfer.with, 1),
    })}\n`,
  );
} finally {
  await proxy.close();
  await anvil.stop();
}
