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

/** How long a token's metadata may take before the amounts are shown without it. */
export const TOKEN_READ_TIMEOUT_MS = 3_000;

/**
 * Several tokens at once (in parallel); those that are not tokens, or did not answer within
 * `timeoutMs`, are left out: a slow node delays the approval by at most that much.
 */
export async function readTokenInfos(
  rpc: ChainRpc,
  rpcUrl: string,
  addresses: readonly Address[],
  timeoutMs = TOKEN_READ_TIMEOUT_MS,
): Promise<TokenInfo[]> {
  if (addresses.length === 0) return [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const read = await Promise.all(addresses.map((a) => Promise.race([readTokenInfo(rpc, rpcUrl, a), late])));
    return read.filter((t): t is TokenInfo => t !== null);
  } finally {
    clearTimeout(timer);
  }
}
