/**
 * The balance of an address on a chain: `eth_getBalance` at "latest" over the chain's
 * JSON-RPC, bounded in time, the answer checked before use.
 */
import { TrineError } from '../errors/index.ts';

export async function fetchBalance(
  rpcUrl: string,
  address: `0x${string}`,
  fetchFn: typeof fetch = fetch,
): Promise<bigint> {
  let response: Response;
  try {
    response = await fetchFn(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [address, 'latest'] }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (cause) {
    throw new TrineError({
      code: 'network-unreachable',
      message: `the chain at ${rpcUrl} cannot be reached`,
      cause,
    });
  }
  const body = (await response.json().catch(() => null)) as {
    result?: unknown;
    error?: { message?: unknown };
  } | null;
  if (typeof body?.result === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(body.result))
    return BigInt(body.result);
  const why = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
  throw new TrineError({ code: 'node-error', message: `the chain did not give a balance (${why})` });
}
