/**
 * The transaction preview on a real anvil with a real ERC-20: balance changes from
 * eth_simulateV1 (token and native), the unlimited-approval warning with the token's
 * symbol, a transfer beyond the balance shown as a revert with its reason (and still
 * buildable, with a fallback gas limit), the eth_call fallback on a node without
 * eth_simulateV1, and a batch simulated in order.
 */
import { encodeFunctionData, erc20Abi, type Hex, maxUint256, parseAbi, parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRpc } from '../../../src/extension/dapp/chainRpc.ts';
import { ProviderError } from '../../../src/extension/dapp/errors.ts';
import type { Chain, ChainRpc } from '../../../src/extension/dapp/services.ts';
import { readTokenInfos } from '../../../src/extension/dapp/simulate/tokenInfo.ts';
import { FALLBACK_GAS_PERCENT, prepareTransaction } from '../../../src/extension/dapp/tx/build.ts';
import {
  followedTokens,
  previewCalls,
  previewTransaction,
  previewTransactionInStages,
} from '../../../src/extension/dapp/tx/preview.ts';
import { transactionView } from '../../../src/extension/dapp/tx/view.ts';
import { memoryWatchlist } from '../../../src/extension/tokens/watchlist.ts';
import { deployTestToken, type TestToken } from '../../helpers/testToken.ts';
import { type Anvil, DEV_ADDRESS, rpcCall, startAnvil } from './anvil.ts';

const friend = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

let anvil: Anvil;
let chain: Chain;
let token: TestToken;
beforeAll(async () => {
  anvil = await startAnvil({ chainId: 31337 });
  chain = { chainId: '0x7a69', name: 'anvil', rpcUrl: anvil.url, symbol: 'ETH' };
  token = await deployTestToken(anvil.url, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  await token.mint(DEV_ADDRESS, 10_000_000n);
}, 60_000);
afterAll(() => anvil?.stop());

const transfer = (amount: bigint) =>
  encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [friend, amount] });

describe('previewTransaction', () => {
  it('a token transfer: the sender loses exactly the amount, in the token`s units', async () => {
    const preview = await previewTransaction(
      { from: DEV_ADDRESS, to: token.address, value: 0n, data: transfer(1_500_000n) },
      chain,
      chainRpc,
    );
    expect(preview.simulation).toEqual({
      method: 'eth_simulateV1',
      outcome: 'success',
      changes: [{ asset: token.address.toLowerCase(), symbol: 'TUSD', decimals: 6, amount: '-1500000' }],
    });
    expect(preview.warnings).toEqual([]);
    // Nothing was sent: the balance is untouched.
    expect(await token.balanceOf(DEV_ADDRESS)).toBe(10_000_000n);
  });

  it('a native send shows the currency leaving; to an account, no warning', async () => {
    const preview = await previewTransaction(
      { from: DEV_ADDRESS, to: friend, value: parseEther('1.25'), data: '0x' },
      chain,
      chainRpc,
    );
    expect(preview.simulation).toMatchObject({
      outcome: 'success',
      changes: [{ asset: 'native', symbol: 'ETH', decimals: 18, amount: (-parseEther('1.25')).toString() }],
    });
    expect(preview.warnings).toEqual([]);
  });

  it('an unlimited approve: danger warning with spender and token symbol; no balance change', async () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [friend, maxUint256] });
    const preview = await previewTransaction(
      { from: DEV_ADDRESS, to: token.address, value: 0n, data },
      chain,
      chainRpc,
    );
    expect(preview.warnings).toHaveLength(1);
    expect(preview.warnings[0]).toMatchObject({ kind: 'unlimited-approval', severity: 'danger' });
    expect(preview.warnings[0]!.details).toContainEqual({ label: 'Amount', value: 'unlimited TUSD' });
    expect(preview.simulation).toMatchObject({ outcome: 'success', changes: [] });
  });

  it('sending currency to the token contract warns that the recipient is a contract', async () => {
    const preview = await previewTransaction(
      { from: DEV_ADDRESS, to: token.address, value: 1n, data: '0x' },
      chain,
      chainRpc,
    );
    expect(preview.warnings.map((w) => w.kind)).toEqual(['contract-recipient']);
    expect(preview.simulation.outcome).toBe('revert'); // the token has no receive function
  });

  it('more than the balance: the simulation fails with the contract`s reason, and the transaction can still be built', async () => {
    const call = { from: DEV_ADDRESS, to: token.address, value: 0n, data: transfer(99_000_000n) } as const;
    const [tx, preview] = await Promise.all([
      prepareTransaction(call, chain, chainRpc),
      previewTransaction(call, chain, chainRpc),
    ]);
    expect(preview.simulation).toEqual({ method: 'eth_simulateV1', outcome: 'revert', reason: 'balance' });
    const block = (await rpcCall(anvil.url, 'eth_getBlockByNumber', ['latest', false])) as { gasLimit: Hex };
    expect(tx.gas).toBe((BigInt(block.gasLimit) * FALLBACK_GAS_PERCENT) / 100n);
    const view = transactionView(tx, chain, preview);
    expect(view.simulation).toEqual(preview.simulation);
    expect(view.data).toBe(call.data); // the preview changes nothing that is signed
  });

  it('a node without eth_simulateV1: eth_call says success or revert, with no balance list', async () => {
    const oldNode: ChainRpc = (url, method, params) =>
      method === 'eth_simulateV1'
        ? Promise.reject(new ProviderError(-32601 as never, 'Method not found'))
        : chainRpc(url, method, params);
    const ok = await previewTransaction(
      { from: DEV_ADDRESS, to: token.address, value: 0n, data: transfer(1n) },
      chain,
      oldNode,
    );
    expect(ok.simulation).toEqual({ method: 'eth_call', outcome: 'success' });
    const failing = await previewTransaction(
      { from: DEV_ADDRESS, to: token.address, value: 0n, data: transfer(99_000_000n) },
      chain,
      oldNode,
    );
    expect(failing.simulation).toEqual({ method: 'eth_call', outcome: 'revert', reason: 'balance' });
  });

  it('nodes that word "no such method" their own way also get the eth_call fallback', async () => {
    for (const message of [
      'the method eth_simulateV1 does not exist/is not available', // geth, Infura
      'Unsupported method: eth_simulateV1',
      'method not allowed',
    ]) {
      const node: ChainRpc = (url, method, params) =>
        method === 'eth_simulateV1'
          ? Promise.reject(new ProviderError(-32000 as never, message))
          : chainRpc(url, method, params);
      const preview = await previewTransaction(
        { from: DEV_ADDRESS, to: friend, value: 1n, data: '0x' },
        chain,
        node,
      );
      expect(preview.simulation, message).toEqual({ method: 'eth_call', outcome: 'success' });
    }
  });

  it('an unreachable node: the preview says it could not simulate, and does not throw', async () => {
    const preview = await previewTransaction(
      { from: DEV_ADDRESS, to: friend, value: 1n, data: '0x' },
      { ...chain, rpcUrl: 'http://127.0.0.1:1' },
      chainRpc,
    );
    expect(preview.simulation).toMatchObject({ method: null, outcome: 'unavailable' });
  });
});

describe('previewCalls', () => {
  it('simulates a batch in order: the second transfer sees the first`s balance', async () => {
    const previews = await previewCalls(
      [
        { from: DEV_ADDRESS, to: token.address, value: 0n, data: transfer(6_000_000n) },
        { from: DEV_ADDRESS, to: token.address, value: 0n, data: transfer(6_000_000n) },
      ],
      chain,
      chainRpc,
    );
    expect(previews[0]!.simulation).toMatchObject({ outcome: 'success', changes: [{ amount: '-6000000' }] });
    expect(previews[1]!.simulation).toEqual({
      method: 'eth_simulateV1',
      outcome: 'revert',
      reason: 'balance',
    });
  });
});

describe('token metadata', () => {
  it('a node too slow to answer leaves the amounts in smallest units, after the bound, not the node`s timeout', async () => {
    const slow: ChainRpc = (url, method, params) =>
      method === 'eth_call'
        ? new Promise((resolve) => setTimeout(() => resolve(chainRpc(url, method, params)), 5_000))
        : chainRpc(url, method, params);
    const started = Date.now();
    expect(await readTokenInfos(slow, anvil.url, [token.address], 200)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await readTokenInfos(chainRpc, anvil.url, [token.address])).toEqual([
      { address: token.address, symbol: 'TUSD', decimals: 6 },
    ]);
  });
});

describe('tokens only the simulation reveals', () => {
  const mint = () => ({
    from: DEV_ADDRESS,
    to: token.address,
    value: 0n,
    data: encodeFunctionData({
      abi: parseAbi(['function mint(address to, uint256 amount)']),
      functionName: 'mint',
      args: [DEV_ADDRESS, 2_000_000n],
    }),
  });
  const counting = () => {
    const calls: string[] = [];
    const rpc: ChainRpc = (url, method, params) => {
      calls.push(method);
      return chainRpc(url, method, params);
    };
    return { rpc, calls };
  };

  it('are read from the chain after the simulation, unless the wallet follows them', async () => {
    const cold = counting();
    const read = await previewTransaction(mint(), chain, cold.rpc);
    expect(read.simulation).toMatchObject({ changes: [{ symbol: 'TUSD', decimals: 6, amount: '2000000' }] });
    expect(cold.calls.filter((m) => m === 'eth_call')).toHaveLength(2); // symbol, decimals
    // The unknown function of a contract is worth a caution.
    expect(read.warnings.map((w) => w.kind)).toEqual(['contract-recipient']);

    const watchlist = memoryWatchlist();
    await watchlist.follow({
      chainId: chain.chainId,
      address: token.address,
      symbol: 'TUSD',
      decimals: 6,
      name: 'Test Dollar',
      image: null,
    });
    const warm = counting();
    const followed = await previewTransaction(
      mint(),
      chain,
      warm.rpc,
      followedTokens(watchlist, chain.chainId),
    );
    expect(followed.simulation).toEqual(read.simulation);
    expect(warm.calls).not.toContain('eth_call');
  });

  it('in stages: shown at once in smallest units, then named a round trip later', async () => {
    const cold = counting();
    const staged = await previewTransactionInStages(mint(), chain, cold.rpc);
    // The first stage does not wait for the token's names: its amount is in smallest units.
    expect(staged.first.simulation).toMatchObject({
      changes: [{ asset: token.address.toLowerCase(), symbol: null, decimals: null, amount: '2000000' }],
    });
    expect(staged.named).not.toBeNull();
    const named = await staged.named!;
    expect(cold.calls.filter((m) => m === 'eth_call')).toHaveLength(2); // symbol, decimals: then
    expect(named.simulation).toMatchObject({ changes: [{ symbol: 'TUSD', decimals: 6, amount: '2000000' }] });
    expect(named).toEqual(await previewTransaction(mint(), chain, chainRpc));
    // A named token (a transfer's `to`) needs no second stage.
    const transfer = await previewTransactionInStages(
      {
        from: DEV_ADDRESS,
        to: token.address,
        value: 0n,
        data: encodeFunctionData({
          abi: parseAbi(['function transfer(address to, uint256 amount)']),
          functionName: 'transfer',
          args: ['0x0000000000000000000000000000000000000001', 1n],
        }),
      },
      chain,
      chainRpc,
    );
    expect(transfer.named).toBeNull();
  });
});
