/**
 * The calldata of an ERC-20 `transfer(to, amount)`: what a token send signs (to the token
 * contract, with no coin value).
 *
 * @example
 * transferData('0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 5n)
 * // → '0xa9059cbb' + the recipient and the amount, 32 bytes each
 */
import { type Address, encodeFunctionData, erc20Abi, type Hex } from 'viem';

export function transferData(to: Address, amount: bigint): Hex {
  return encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] });
}
