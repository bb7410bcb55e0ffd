/**
 * An ERC-20's symbol and decimals, read from the chain (two `eth_call`s in parallel: one
 * round trip), for showing amounts. A contract that answers neither is not taken for a token.
 */
import { type Address, decodeFunctionResult, encodeFunctionData, type Hex, parseAbi } from 'viem';
import type { ChainRpc } from '../services.ts';

const metadataAbi = parseAbi([
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
]);

export type TokenInfo = { address: Address; symbol: string | null; decimals: number | null };

/** Token info by lower-case address, for the decoders. */
export type TokenLookup = (address: Address) => TokenInfo | undefined;

export const lookupOf =
  (tokens: readonly TokenInfo[]): TokenLookup =>
  (address) =>
    tokens.find((t) => t.address.toLowerCase() === address.toLowerCase());

/** `null` when the contract answers neither `symbol()` nor `decimals()` (not an ERC-20). */
export async function readTokenInfo(
  rpc: ChainRpc,
  rpcUrl: string,
  address: Address,
): Promise<TokenInfo | null> {
  const read = async (functionName: 'symbol' | 'decimals'): Promise<unknown> => {
    try {
      const data = encodeFunctionData({ abi: metadataAbi, functionName });
      const answer = await rpc(rpcUrl, 'eth_call', [{ to: address, data }, 'latest']);
      if (typeof answer !== 'string' || answer === '0x') return null;
      return decodeFunctionResult({ abi: metadataAbi, functionName, data: answer as Hex });
    } catch {
      return null; // reverted, not a token, or a bytes32 symbol (old tokens): shown without it
    }
  };
  const [symbol, decimals] = await Promise.all([read('symbol'), read('decimals')]);
  if (symbol === null && decimals === null) return null;
  return {
    address,
    symbol: typeof symbol === 'string' ? symbol.slice(0, 32) : null,
    decimals: typeof decimals === 'number' && decimals <= 77 ? decimals : null,
  };
}

/** Several tokens at once (in parallel); the ones that are not tokens are left out. */
export async function readTokenInfos(
  rpc: ChainRpc,
  rpcUrl: string,
  addresses: readonly Address[],
): Promise<TokenInfo[]> {
  const read = await Promise.all(addresses.map((a) => readTokenInfo(rpc, rpcUrl, a)));
  return read.filter((t): t is TokenInfo => t !== null);
}
