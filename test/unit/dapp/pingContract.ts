/**
 * A contract for log tests, assembled by hand (no compiler in the tool chain): every call
 * emits one log with topic0 = keccak256("Ping(bytes)") and the raw calldata as its data.
 *
 *   runtime:  CALLDATASIZE PUSH1 0 PUSH1 0 CALLDATACOPY        // memory[0..size] = calldata
 *             PUSH32 topic CALLDATASIZE PUSH1 0 LOG1 STOP       // log1(0, size, topic)
 *   init:     PUSH1 44 PUSH1 12 PUSH1 0 CODECOPY PUSH1 44 PUSH1 0 RETURN   // return runtime
 */
import { keccak256, toHex } from 'viem';
import { DEV_ADDRESS, rpcCall, waitForReceipt } from './anvil.ts';

export const PING_TOPIC = keccak256(toHex('Ping(bytes)'));
const runtime = `3660006000377f${PING_TOPIC.slice(2)}366000a100`;
export const PING_INITCODE = `0x602c600c600039602c6000f3${runtime}` as const;

/** Deploy from anvil's first development account; answers the contract's address. */
export async function deployPing(rpcUrl: string): Promise<`0x${string}`> {
  const hash = await rpcCall(rpcUrl, 'eth_sendTransaction', [{ from: DEV_ADDRESS, data: PING_INITCODE }]);
  const receipt = (await waitForReceipt(rpcUrl, hash)) as { contractAddress?: `0x${string}` };
  if (receipt.contractAddress === undefined) throw new Error('the ping contract was not deployed');
  return receipt.contractAddress;
}

/** Call it from anvil's development account with `data`: one log. */
export async function ping(rpcUrl: string, contract: string, data: `0x${string}`): Promise<void> {
  const hash = await rpcCall(rpcUrl, 'eth_sendTransaction', [{ from: DEV_ADDRESS, to: contract, data }]);
  await waitForReceipt(rpcUrl, hash);
}
