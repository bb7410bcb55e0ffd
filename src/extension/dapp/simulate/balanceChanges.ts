/**
 * The sender's balance changes from a simulation's logs: ERC-20 `Transfer(from, to, value)`
 * events (three topics: ERC-721's has four, its token id indexed) and, with
 * `traceTransfers: true`, the node's synthetic `Transfer` logs for native value, emitted
 * from 0xEeeee…EEeE (eth_simulateV1, execution-apis). Summed per asset; assets that net to
 * zero are left out. Pure: malformed logs are skipped.
 */
import { type Address, type Hex, hexToBigInt, isAddressEqual, slice } from 'viem';

/** keccak256("Transfer(address,address,uint256)") */
export const TRANSFER_TOPIC = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
/** The address eth_simulateV1 emits native transfers from (traceTransfers). */
export const NATIVE_TRANSFER_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';

export type SimulatedLog = { address: string; topics: string[]; data: string };
export type BalanceChange = { asset: 'native' | Address; amount: bigint };

const word = /^0x[0-9a-fA-F]{64}$/;

export function balanceChanges(account: Address, logs: readonly SimulatedLog[]): BalanceChange[] {
  const sums = new Map<string, bigint>();
  for (const log of logs) {
    // The node's answer is not trusted: a log without a topic list is skipped, not a crash.
    if (typeof log !== 'object' || log === null || !Array.isArray(log.topics)) continue;
    const [topic, fromTopic, toTopic] = log.topics;
    if (log.topics.length !== 3 || topic?.toLowerCase() !== TRANSFER_TOPIC) continue;
    if (!word.test(fromTopic ?? '') || !word.test(toTopic ?? '') || !word.test(log.data)) continue;
    if (!/^0x[0-9a-fA-F]{40}$/.test(log.address)) continue;
    const from = slice(fromTopic as Hex, 12) as Address; // an indexed address is the topic's low 20 bytes
    const to = slice(toTopic as Hex, 12) as Address;
    const value = hexToBigInt(log.data as Hex);
    const asset = isAddressEqual(log.address as Address, NATIVE_TRANSFER_ADDRESS)
      ? 'native'
      : log.address.toLowerCase();
    let delta = 0n;
    if (isAddressEqual(from, account)) delta -= value;
    if (isAddressEqual(to, account)) delta += value; // a transfer to oneself nets to zero
    if (delta !== 0n) sums.set(asset, (sums.get(asset) ?? 0n) + delta);
  }
  return [...sums]
    .filter(([, amount]) => amount !== 0n)
    .map(([asset, amount]) => ({ asset: asset as BalanceChange['asset'], amount }))
    .sort((a, b) => (a.asset === 'native' ? -1 : b.asset === 'native' ? 1 : 0));
}
