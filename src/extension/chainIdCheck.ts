/**
 * Whether an RPC URL serves the chain it is said to: its `eth_chainId` must equal the
 * claimed id. Settings → Chains (add, edit) and a dApp's `wallet_addEthereumChain` both run
 * it before anything is stored, so a chain entry never points at another chain's node
 * (which would sign transactions for the wrong chain id or show another chain's balances).
 * A check that simply fails returns the reason; nothing throws but the caller.
 */
export type ChainIdCheck =
  | { ok: true }
  /** `unreachable`: no answer (down, refused, no CORS); `mismatch`: another chain or nonsense. */
  | { ok: false; why: 'unreachable' | 'mismatch'; problem: string };

/**
 * @example
 * await checkChainId('http://127.0.0.1:8546', '0x539', (method, params) => rpcCall(url, method, params));
 * // { ok: false, why: 'mismatch', problem: 'http://127.0.0.1:8546 serves chain 31337, not 1337' }
 */
export async function checkChainId(
  rpcUrl: string,
  chainId: `0x${string}`,
  call: (method: string, params: readonly unknown[]) => Promise<unknown>,
): Promise<ChainIdCheck> {
  let answered: unknown;
  try {
    answered = await call('eth_chainId', []);
  } catch {
    return {
      ok: false,
      why: 'unreachable',
      problem: `${rpcUrl} does not answer (it must be up and allow browser requests)`,
    };
  }
  if (typeof answered !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(answered))
    return { ok: false, why: 'mismatch', problem: `${rpcUrl} did not answer eth_chainId with a chain id` };
  if (BigInt(answered) !== BigInt(chainId))
    return {
      ok: false,
      why: 'mismatch',
      problem: `${rpcUrl} serves chain ${BigInt(answered)}, not ${BigInt(chainId)}`,
    };
  return { ok: true };
}
