/**
 * Reading an ERC-20 from its chain: what a token says it is (symbol, name, decimals) and
 * an owner's balance, all in one JSON-RPC batch. A contract that does not answer as an
 * ERC-20 does (no code at the address, a call that reverts, an answer that does not decode,
 * decimals outside 0…36, an unprintable symbol) is "not an ERC-20 token": refused, with the
 * reason, before anything is stored.
 *
 * `symbol()` and `name()` are ABI strings, or `bytes32` in some early tokens (MKR, SAI).
 */
import { decodeAbiParameters, encodeFunctionData, erc20Abi, type Hex, hexToString } from 'viem';
import { invalidInput } from '../../errors/index.ts';
import { type RpcCall, type RpcOutcome, rpcBatch } from '../rpcBatch.ts';

export type Erc20Facts = { symbol: string; name: string | null; decimals: number; balance: bigint };

/** MetaMask's bound for `wallet_watchAsset`; no real token uses more. */
export const MAX_DECIMALS = 36;
const MAX_SYMBOL = 32;
const MAX_NAME = 100;

const call = (to: `0x${string}`, data: Hex): RpcCall => ({
  method: 'eth_call',
  params: [{ to, data }, 'latest'],
});

/** `balanceOf(owner)` on `token`, as an `eth_call`. */
export function balanceOfCall(token: `0x${string}`, owner: `0x${string}`): RpcCall {
  return call(token, encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [owner] }));
}

/** A `uint256` return value, or null if the answer is not one. */
export function uint256Of(outcome: RpcOutcome): bigint | null {
  if (!outcome.ok || typeof outcome.result !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(outcome.result))
    return null;
  return BigInt(outcome.result);
}

/**
 * @example
 * const facts = await readErc20('http://127.0.0.1:8545', token, owner);
 * // { symbol: 'TST', name: 'Test token', decimals: 18, balance: 1000000000000000000n }
 */
export async function readErc20(
  rpcUrl: string,
  token: `0x${string}`,
  owner: `0x${string}`,
  fetchFn?: typeof fetch,
): Promise<Erc20Facts> {
  const [code, symbolOut, decimalsOut, nameOut, balanceOut] = await rpcBatch(
    rpcUrl,
    [
      { method: 'eth_getCode', params: [token, 'latest'] },
      call(token, encodeFunctionData({ abi: erc20Abi, functionName: 'symbol' })),
      call(token, encodeFunctionData({ abi: erc20Abi, functionName: 'decimals' })),
      call(token, encodeFunctionData({ abi: erc20Abi, functionName: 'name' })),
      balanceOfCall(token, owner),
    ],
    fetchFn,
  );
  const notAToken = (why: string) => invalidInput('address', `not an ERC-20 token: ${token} ${why}`);
  if (!code!.ok) throw notAToken(`could not be read (${code!.message})`);
  if (typeof code!.result !== 'string' || code!.result.length <= 2)
    throw notAToken('has no contract code on this chain');
  const symbol = textOf(symbolOut!, MAX_SYMBOL);
  if (symbol === null) throw notAToken('does not answer symbol()');
  const decimals = uint256Of(decimalsOut!);
  if (decimals === null) throw notAToken('does not answer decimals()');
  if (decimals > BigInt(MAX_DECIMALS))
    throw notAToken(`says it has ${decimals} decimals (at most ${MAX_DECIMALS})`);
  const balance = uint256Of(balanceOut!);
  if (balance === null) throw notAToken('does not answer balanceOf()');
  return { symbol, name: textOf(nameOut!, MAX_NAME), decimals: Number(decimals), balance };
}

/** An ABI `string` (or a `bytes32` of text), trimmed, printable, 1…max characters; else null. */
function textOf(outcome: RpcOutcome, max: number): string | null {
  if (!outcome.ok || typeof outcome.result !== 'string' || !/^0x(?:[0-9a-fA-F]{2})+$/.test(outcome.result))
    return null;
  const data = outcome.result as Hex;
  let text: string;
  try {
    text =
      data.length === 66
        ? hexToString(data, { size: 32 }).replace(/\0+$/, '')
        : decodeAbiParameters([{ type: 'string' }], data)[0];
  } catch {
    return null;
  }
  text = text.trim();
  // Control characters and invisible formatting would let a token look like another; U+FFFD
  // is what bytes that are not UTF-8 decode to.
  if (text.length === 0 || text.length > max || /[\p{Cc}\p{Cf}\uFFFD]/u.test(text)) return null;
  return text;
}
