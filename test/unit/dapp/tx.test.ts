/**
 * Transaction building: fees from fee history, gas headroom, calldata decoding, nonces for
 * several transactions in flight, and whole transactions built, signed and mined on a
 * real anvil (EIP-1559, and a pre-London chain for legacy).
 */
import {
  type Address,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  parseEther,
  recoverTransactionAddress,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRpc } from '../../../src/extension/dapp/chainRpc.ts';
import { prepareTransaction } from '../../../src/extension/dapp/tx/build.ts';
import { decodeCall } from '../../../src/extension/dapp/tx/decode.ts';
import { DEFAULT_TIP, feesFromHistory } from '../../../src/extension/dapp/tx/fees.ts';
import { withHeadroom } from '../../../src/extension/dapp/tx/gas.ts';
import { NonceTracker } from '../../../src/extension/dapp/tx/nonce.ts';
import { signTransaction } from '../../../src/extension/dapp/tx/sign.ts';
import { transactionView } from '../../../src/extension/dapp/tx/view.ts';
import { type Anvil, DEV_ADDRESS, DEV_KEY, rpcCall, startAnvil, waitForReceipt } from './anvil.ts';

const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

describe('fees from fee history', () => {
  it('max fee is twice the next base fee plus the median tip', () => {
    const fees = feesFromHistory({
      baseFeePerGas: ['0x1', '0x2', '0x3b9aca00'],
      reward: [['0x5'], ['0x1'], ['0x3']],
    });
    expect(fees).toEqual({
      type: 'eip1559',
      maxFeePerGas: 2n * 1_000_000_000n + 3n,
      maxPriorityFeePerGas: 3n,
    });
  });
  it('an idle chain (no tips paid) gets the default tip; no base fee means legacy', () => {
    expect(feesFromHistory({ baseFeePerGas: ['0x10'], reward: [['0x0']] })).toEqual({
      type: 'eip1559',
      maxFeePerGas: 32n + DEFAULT_TIP,
      maxPriorityFeePerGas: DEFAULT_TIP,
    });
    expect(feesFromHistory({ baseFeePerGas: ['0x0', '0x0'] })).toBeUndefined();
    expect(feesFromHistory({})).toBeUndefined();
  });
});

describe('gas headroom', () => {
  it('adds 20 % rounded up, but not to a plain transfer', () => {
    expect(withHeadroom(50_000n)).toBe(60_000n);
    expect(withHeadroom(50_001n)).toBe(60_002n);
    expect(withHeadroom(21_000n)).toBe(21_000n);
  });
});

describe('calldata decoding', () => {
  it('names ERC-20 calls and their arguments; unknown selectors stay raw', () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, 5n] });
    expect(decodeCall(data)).toEqual({
      selector: '0xa9059cbb',
      signature: 'transfer(address,uint256)',
      args: [`recipient: ${to}`, 'amount: 5'],
    });
    expect(decodeCall('0x')).toBeNull();
    expect(decodeCall('0x12345678aa')).toEqual({ selector: '0x12345678', signature: null, args: [] });
    // Known selector, arguments that do not decode.
    expect(decodeCall('0xa9059cbb00')).toEqual({ selector: '0xa9059cbb', signature: null, args: [] });
  });
});

describe('nonces', () => {
  const account = DEV_ADDRESS as Address;
  it('several transactions in flight get consecutive nonces even if the node lags', async () => {
    const tracker = new NonceTracker();
    const lagging = async () => 7; // the node has not seen our last broadcasts yet
    const used = await Promise.all(
      [1, 2, 3].map(() => tracker.withNext('0x1', account, lagging, async (n) => n)),
    );
    expect(used.sort()).toEqual([7, 8, 9]);
    // Another chain has its own sequence.
    expect(
      await tracker.withNext(
        '0x2',
        account,
        async () => 0,
        async (n) => n,
      ),
    ).toBe(0);
  });
  it('a failed broadcast gives its nonce back; a node ahead of us wins', async () => {
    const tracker = new NonceTracker();
    await expect(
      tracker.withNext(
        '0x1',
        account,
        async () => 3,
        async () => {
          throw new Error('rejected');
        },
      ),
    ).rejects.toThrow('rejected');
    expect(
      await tracker.withNext(
        '0x1',
        account,
        async () => 3,
        async (n) => n,
      ),
    ).toBe(3);
    expect(
      await tracker.withNext(
        '0x1',
        account,
        async () => 10,
        async (n) => n,
      ),
    ).toBe(10);
  });
});

describe('on a real chain', () => {
  let london: Anvil;
  let berlin: Anvil;
  beforeAll(async () => {
    [london, berlin] = await Promise.all([
      startAnvil({ chainId: 31337 }),
      startAnvil({ chainId: 1337, legacy: true }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([london?.stop(), berlin?.stop()]);
  });
  const chainOf = (a: Anvil) => ({
    chainId: `0x${a.chainId.toString(16)}` as Hex,
    name: 'test',
    rpcUrl: a.url,
    symbol: 'ETH',
  });

  it('builds, signs and mines an EIP-1559 transfer; the view shows the most it can cost', async () => {
    const chain = chainOf(london);
    const tx = await prepareTransaction({ from: DEV_ADDRESS, to, value: parseEther('1.5') }, chain, chainRpc);
    expect(tx.fees.type).toBe('eip1559');
    expect(tx.gas).toBe(21_000n);
    const view = transactionView(tx, { chainId: chain.chainId, name: 'test', symbol: 'ETH' });
    const maxFee = tx.fees.type === 'eip1559' ? tx.fees.maxFeePerGas : 0n;
    expect(view.maxTotalWei).toBe((parseEther('1.5') + 21_000n * maxFee).toString());
    expect(view.call).toBeNull();
    const nonce = Number(
      BigInt((await rpcCall(london.url, 'eth_getTransactionCount', [DEV_ADDRESS, 'pending'])) as string),
    );
    const raw = await signTransaction(DEV_KEY, tx, nonce);
    expect(raw.startsWith('0x02')).toBe(true);
    expect(await recoverTransactionAddress({ serializedTransaction: raw as `0x02${string}` })).toBe(
      DEV_ADDRESS,
    );
    const hash = await rpcCall(london.url, 'eth_sendRawTransaction', [raw]);
    const receipt = await waitForReceipt(london.url, hash);
    expect(receipt.status).toBe('0x1');
    expect(receipt.from.toLowerCase()).toBe(DEV_ADDRESS.toLowerCase());
  });

  it('a chain without a base fee gets a legacy, EIP-155 transaction', async () => {
    const chain = chainOf(berlin);
    const tx = await prepareTransaction({ from: DEV_ADDRESS, to, value: 1n }, chain, chainRpc);
    expect(tx.fees.type).toBe('legacy');
    const raw = await signTransaction(DEV_KEY, tx, 0);
    expect(raw.startsWith('0xf8') || raw.startsWith('0xf9')).toBe(true);
    const hash = await rpcCall(berlin.url, 'eth_sendRawTransaction', [raw]);
    const mined = (await rpcCall(berlin.url, 'eth_getTransactionByHash', [hash])) as {
      chainId?: string;
      type: string;
    };
    expect(mined.type).toBe('0x0');
  });

  it('a contract call gets the estimate plus headroom; the dApp`s own gas and fees are kept', async () => {
    const chain = chainOf(london);
    // A call into an account without code estimates like a transfer plus calldata.
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, 1n] });
    const tx = await prepareTransaction({ from: DEV_ADDRESS, to, data }, chain, chainRpc);
    const estimate = BigInt(
      (await rpcCall(london.url, 'eth_estimateGas', [
        { from: DEV_ADDRESS, to, data, value: '0x0' },
      ])) as string,
    );
    expect(tx.gas).toBe(withHeadroom(estimate));
    const given = await prepareTransaction(
      { from: DEV_ADDRESS, to, gas: 90_000n, maxFeePerGas: 5_000_000_000n, maxPriorityFeePerGas: 2n },
      chain,
      chainRpc,
    );
    expect(given.gas).toBe(90_000n);
    expect(given.fees).toEqual({ type: 'eip1559', maxFeePerGas: 5_000_000_000n, maxPriorityFeePerGas: 2n });
  });

  it('refuses inconsistent transactions before asking anyone', async () => {
    const chain = chainOf(london);
    const fail = (p: Parameters<typeof prepareTransaction>[0]) =>
      prepareTransaction(p, chain, chainRpc).then(
        () => null,
        (e: { code: number; message: string }) => [e.code, e.message],
      );
    expect(await fail({ from: DEV_ADDRESS, to, chainId: '0x1' })).toEqual([
      4901,
      'The transaction is for chain 0x1 but Trine is on 0x7a69; switch first.',
    ]);
    expect((await fail({ from: DEV_ADDRESS, to, gasPrice: 1n, maxFeePerGas: 2n }))?.[0]).toBe(-32602);
    expect((await fail({ from: DEV_ADDRESS, to, maxFeePerGas: 1n, maxPriorityFeePerGas: 2n }))?.[0]).toBe(
      -32602,
    );
    expect((await fail({ from: DEV_ADDRESS, to: null }))?.[0]).toBe(-32602);
    expect((await fail({ from: DEV_ADDRESS, to, data: '0x01', input: '0x02' }))?.[0]).toBe(-32602);
  });

  it('an unreachable node is 4901', async () => {
    const chain = { ...chainOf(london), rpcUrl: 'http://127.0.0.1:1' };
    await expect(prepareTransaction({ from: DEV_ADDRESS, to }, chain, chainRpc)).rejects.toMatchObject({
      code: 4901,
    });
  });
});
