/**
 * The balance of an address on a chain: `eth_getBalance` at "latest" over the chain's
 * JSON-RPC (rpcBatch.ts: bounded in time and size), the answer checked before use. A chain
 * that cannot be reached or answers nonsense is `chain-error`, not the wallet network's
 * `network-unreachable`: the screen then says to check the connection or pick another
 * network, not to recover with two factors.
 */
import { TrineError } from '../errors/index.ts';
import { rpcCall } from './rpcBatch.ts';

export async function fetchBalance(
  rpcUrl: string,
  address: `0x${string}`,
  fetchFn?: typeof fetch,
): Promise<bigint> {
  const result = await rpcCall(rpcUrl, 'eth_getBalance', [address, 'latest'], fetchFn);
  if (typeof result === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(result)) return BigInt(result);
  throw new TrineError({ code: 'chain-error', message: `the chain at ${rpcUrl} did not give a balance` });
}
