/**
 * Dry-run calls on the chain's current state, one round trip. `eth_simulateV1`
 * (execution-apis) runs them in order in one simulated block, with `traceTransfers` (native
 * value as synthetic Transfer logs) and `validation: false` (no nonce, fee or gas-limit
 * checks: we want what the calls do, not whether the draft is already complete). A node
 * without it (-32601, method not found) gets one `eth_call` per call instead, in parallel:
 * success or revert only, and each call alone on the current state.
 *
 * Advisory: nothing here changes what is signed. Never throws; a node that fails to
 * simulate gives `{ method: null, reason }`.
 */
import { type Address, type Hex, numberToHex } from 'viem';
import { ProviderError } from '../errors.ts';
import type { ChainRpc } from '../services.ts';
import type { SimulatedLog } from './balanceChanges.ts';
import { revertReason } from './revertReason.ts';

export type SimulatedCall = { from: Address; to: Address | null; value: bigint; data: Hex };

export type CallOutcome =
  | { outcome: 'success'; logs: SimulatedLog[] | null }
  | { outcome: 'revert'; reason: string | null };

export type Simulation =
  | { method: 'eth_simulateV1' | 'eth_call'; calls: CallOutcome[] }
  | { method: null; reason: string };

type SimulatedBlock = {
  calls?: { status?: string; returnData?: string; logs?: SimulatedLog[]; error?: { data?: unknown } }[];
};

export async function simulateCalls(
  rpc: ChainRpc,
  rpcUrl: string,
  calls: readonly SimulatedCall[],
): Promise<Simulation> {
  try {
    const blocks = (await rpc(rpcUrl, 'eth_simulateV1', [
      { blockStateCalls: [{ calls: calls.map(rpcCall) }], traceTransfers: true, validation: false },
      'latest',
    ])) as SimulatedBlock[] | null;
    const results = Array.isArray(blocks) ? blocks[0]?.calls : undefined;
    if (!Array.isArray(results) || results.length !== calls.length)
      return { method: null, reason: 'The node answered eth_simulateV1 with something unexpected.' };
    return {
      method: 'eth_simulateV1',
      calls: results.map(
        (r): CallOutcome =>
          r.status === '0x1'
            ? { outcome: 'success', logs: Array.isArray(r.logs) ? r.logs : [] }
            : { outcome: 'revert', reason: revertReason(r.error?.data ?? r.returnData) },
      ),
    };
  } catch (error) {
    if (methodMissing(error)) return callEach(rpc, rpcUrl, calls);
    if (insufficientFunds(error))
      return {
        method: 'eth_simulateV1',
        calls: calls.map(() => ({ outcome: 'revert', reason: messageOf(error) })),
      };
    return { method: null, reason: messageOf(error) };
  }
}

async function callEach(rpc: ChainRpc, rpcUrl: string, calls: readonly SimulatedCall[]): Promise<Simulation> {
  const outcomes = await Promise.all(
    calls.map(async (call): Promise<CallOutcome | string> => {
      try {
        await rpc(rpcUrl, 'eth_call', [rpcCall(call), 'latest']);
        return { outcome: 'success', logs: null };
      } catch (error) {
        if (reverted(error))
          return { outcome: 'revert', reason: revertReason((error as ProviderError).data) };
        if (insufficientFunds(error)) return { outcome: 'revert', reason: messageOf(error) };
        return messageOf(error);
      }
    }),
  );
  const failure = outcomes.find((o) => typeof o === 'string');
  if (failure !== undefined) return { method: null, reason: failure };
  return { method: 'eth_call', calls: outcomes as CallOutcome[] };
}

function rpcCall(call: SimulatedCall) {
  return {
    from: call.from,
    ...(call.to === null ? {} : { to: call.to }),
    value: numberToHex(call.value),
    data: call.data,
  };
}

/** JSON-RPC's "method not found". */
const METHOD_NOT_FOUND = -32601;

/** -32601, or a node's wording for a method it does not know. */
function methodMissing(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return false;
  return (
    (error.code as number) === METHOD_NOT_FOUND ||
    /method .*(not found|not supported|does not exist|not available|not allowed|not whitelisted)|unsupported method/i.test(
      error.message,
    )
  );
}

/** EIP-1474 code 3 (execution error) or a node's "execution reverted". */
export function reverted(error: unknown): boolean {
  return error instanceof ProviderError && ((error.code as number) === 3 || /revert/i.test(error.message));
}

function insufficientFunds(error: unknown): boolean {
  return error instanceof ProviderError && /insufficient funds/i.test(error.message);
}

function messageOf(error: unknown): string {
  return error instanceof ProviderError ? error.message : 'The node could not simulate the transaction.';
}
