/**
 * A contract that answers every call with the same 32 bytes, assembled by hand, for tests
 * of what a wallet makes of answers that are not a token's:
 *
 *   runtime:  PUSH32 value PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN      // 41 bytes
 *   init:     PUSH1 41 PUSH1 12 PUSH1 0 CODECOPY PUSH1 41 PUSH1 0 RETURN   // return runtime
 */
import { getAddress } from 'viem';
import { DEV_ADDRESS, rpcCall, waitForReceipt } from '../dapp/anvil.ts';

export async function deployConstant(rpcUrl: string, value: `0x${string}`): Promise<`0x${string}`> {
  if (!/^0x[0-9a-f]{64}$/.test(value)) throw new TypeError('value: expected 32 bytes of lower-case hex');
  const runtime = `7f${value.slice(2)}60005260206000f3`;
  const data = `0x6029600c60003960296000f3${runtime}`;
  const hash = await rpcCall(rpcUrl, 'eth_sendTransaction', [{ from: DEV_ADDRESS, data }]);
  const receipt = (await waitForReceipt(rpcUrl, hash)) as { contractAddress?: `0x${string}` };
  if (receipt.contractAddress === undefined) throw new Error('the constant contract was not deployed');
  return getAddress(receipt.contractAddress);
}
