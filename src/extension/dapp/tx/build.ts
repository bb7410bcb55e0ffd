/**
 * Turn a dApp's `eth_sendTransaction` object into a complete transaction for the selected
 * chain: gas from the node's estimate with headroom (unless given), fees from fee history
 * (EIP-1559) or the gas price (legacy chains), unless the dApp set them. A call whose
 * estimate reverts gets a fallback gas limit, so the user sees the failing simulation and
 * may still send it. The nonce is left out: it is taken when the user approves (see nonce.ts).
 */
import { type Address, type Hex, hexToBigInt, numberToHex } from 'viem';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { invalidParams, ProviderError } from '../errors.ts';
import type { TransactionParam } from '../params.ts';
import type { Chain, ChainRpc } from '../services.ts';
import { reverted } from '../simulate/simulateCalls.ts';
import { FEE_HISTORY_BLOCKS, type FeeHistory, type Fees, feesFromHistory, TIP_PERCENTILE } from './fees.ts';
import { withHeadroom } from './gas.ts';

export type PreparedTransaction = {
  chainId: number;
  from: Address;
  to: Address | null;
  value: bigint;
  data: Hex;
  gas: bigint;
  fees: Fees;
  /** Only when the dApp asked for a specific nonce. */
  nonce: number | null;
};

export async function prepareTransaction(
  param: TransactionParam,
  chain: Chain,
  rpc: ChainRpc,
): Promise<PreparedTransaction> {
  if (param.chainId !== undefined && param.chainId !== chain.chainId)
    throw new ProviderError(
      ProviderErrorCode.chainDisconnected,
      `The transaction is for chain ${param.chainId} but Trine is on ${chain.chainId}; switch first.`,
    );
  if (param.data !== undefined && param.input !== undefined && param.data !== param.input)
    throw invalidParams('eth_sendTransaction: data and input differ');
  if (param.gasPrice !== undefined && (param.maxFeePerGas ?? param.maxPriorityFeePerGas) !== undefined)
    throw invalidParams(
      'eth_sendTransaction: gasPrice cannot be mixed with maxFeePerGas/maxPriorityFeePerGas',
    );
  if (param.nonce !== undefined && param.nonce > BigInt(Number.MAX_SAFE_INTEGER))
    throw invalidParams('eth_sendTransaction: nonce is too large');
  const data = param.data ?? param.input ?? '0x';
  const to = param.to ?? null;
  if (to === null && data === '0x')
    throw invalidParams('eth_sendTransaction: a contract creation needs data');
  const value = param.value ?? 0n;
  const call = rpcCall(param.from, to, value, data);

  const [gas, fees] = await Promise.all([
    param.gas ?? param.gasLimit ?? estimateGas(rpc, chain, call),
    chosenFees(param, chain, rpc),
  ]);
  return {
    chainId: Number(BigInt(chain.chainId)),
    from: param.from,
    to,
    value,
    data,
    gas,
    fees,
    nonce: param.nonce === undefined ? null : Number(param.nonce),
  };
}

function rpcCall(from: Address, to: Address | null, value: bigint, data: Hex) {
  return { from, ...(to === null ? {} : { to }), value: numberToHex(value), data };
}

async function estimateGas(rpc: ChainRpc, chain: Chain, call: ReturnType<typeof rpcCall>): Promise<bigint> {
  let estimate: unknown;
  try {
    estimate = await rpc(chain.rpcUrl, 'eth_estimateGas', [call]);
  } catch (error) {
    // A call that reverts now may still be sent: the approval shows the failing simulation
    // and the user decides (as in MetaMask). Other errors (insufficient funds…) stop here.
    if (reverted(error)) return fallbackGas(rpc, chain);
    throw error;
  }
  if (typeof estimate !== 'string' || !/^0x[0-9a-f]+$/i.test(estimate))
    throw new ProviderError(ProviderErrorCode.chainError, 'The chain gave no gas estimate.');
  return withHeadroom(hexToBigInt(estimate as Hex));
}

/** Share of the latest block's gas limit used when estimation reverts (MetaMask uses 35 %). */
export const FALLBACK_GAS_PERCENT = 35n;

async function fallbackGas(rpc: ChainRpc, chain: Chain): Promise<bigint> {
  const block = (await rpc(chain.rpcUrl, 'eth_getBlockByNumber', ['latest', false])) as {
    gasLimit?: unknown;
  } | null;
  const limit = block?.gasLimit;
  if (typeof limit !== 'string' || !/^0x[0-9a-f]+$/i.test(limit))
    throw new ProviderError(ProviderErrorCode.chainError, 'The chain gave no block gas limit.');
  return (hexToBigInt(limit as Hex) * FALLBACK_GAS_PERCENT) / 100n;
}

async function chosenFees(param: TransactionParam, chain: Chain, rpc: ChainRpc): Promise<Fees> {
  if (param.gasPrice !== undefined) return { type: 'legacy', gasPrice: param.gasPrice };
  const suggested = await suggestFees(chain, rpc, param.type === '0x0' || param.type === '0x00');
  if (suggested.type === 'legacy') return suggested;
  const maxPriorityFeePerGas = param.maxPriorityFeePerGas ?? suggested.maxPriorityFeePerGas;
  const maxFeePerGas = param.maxFeePerGas ?? suggested.maxFeePerGas;
  if (maxPriorityFeePerGas > maxFeePerGas)
    throw invalidParams('eth_sendTransaction: maxPriorityFeePerGas is above maxFeePerGas');
  return { type: 'eip1559', maxFeePerGas, maxPriorityFeePerGas };
}

/** Fees the chain suggests now; legacy when it has no base fee or the dApp asked for type 0. */
export async function suggestFees(chain: Chain, rpc: ChainRpc, legacy = false): Promise<Fees> {
  if (!legacy) {
    const history = await rpc(chain.rpcUrl, 'eth_feeHistory', [
      numberToHex(FEE_HISTORY_BLOCKS),
      'latest',
      [TIP_PERCENTILE],
    ]).catch(() => undefined); // chains without EIP-1559 may not know the method
    const fees = history === undefined ? undefined : feesFromHistory(history as FeeHistory);
    if (fees !== undefined) return fees;
  }
  const gasPrice = await rpc(chain.rpcUrl, 'eth_gasPrice', []);
  if (typeof gasPrice !== 'string' || !/^0x[0-9a-f]+$/i.test(gasPrice))
    throw new ProviderError(ProviderErrorCode.chainError, 'The chain gave no gas price.');
  return { type: 'legacy', gasPrice: hexToBigInt(gasPrice as Hex) };
}
