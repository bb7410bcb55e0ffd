/**
 * What a transaction's calldata calls, when the function is one a wallet user meets daily
 * (ERC-20, ERC-721, ERC-1155 transfers and approvals). Unknown selectors are shown as the
 * raw 4 bytes; nothing is guessed from a remote signature database.
 */
import {
  type Abi,
  type AbiFunction,
  decodeFunctionData,
  erc20Abi,
  erc721Abi,
  erc1155Abi,
  type Hex,
  toFunctionSelector,
  toFunctionSignature,
} from 'viem';

export type DecodedCall = { selector: Hex; signature: string | null; args: string[] };

const known = new Map<Hex, AbiFunction>();
for (const abi of [erc20Abi, erc721Abi, erc1155Abi] as Abi[]) {
  for (const item of abi) {
    if (item.type !== 'function' || item.stateMutability === 'view' || item.stateMutability === 'pure')
      continue;
    const selector = toFunctionSelector(item);
    if (!known.has(selector)) known.set(selector, item);
  }
}

/** `null` for empty calldata (a plain transfer). */
export function decodeCall(data: Hex): DecodedCall | null {
  if (data.length < 10) return data === '0x' ? null : { selector: data, signature: null, args: [] };
  const selector = data.slice(0, 10).toLowerCase() as Hex;
  const fn = known.get(selector);
  if (fn === undefined) return { selector, signature: null, args: [] };
  try {
    const { args } = decodeFunctionData({ abi: [fn], data });
    return {
      selector,
      signature: toFunctionSignature(fn),
      args: (args ?? []).map((arg, i) => `${fn.inputs[i]?.name || `arg${i}`}: ${String(arg)}`),
    };
  } catch {
    // The selector matches but the arguments do not decode: show it as unknown.
    return { selector, signature: null, args: [] };
  }
}
