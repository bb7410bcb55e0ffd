/**
 * Warnings decoded from a transaction's calldata: the calls that let someone else move the
 * user's tokens later, without asking again.
 *
 * - `approve(spender, amount)` (ERC-20; ERC-721's `approve(to, tokenId)` has the same
 *   selector, so a small amount may be a token id): unlimited from 2^255 up → danger, a
 *   non-zero amount → caution, 0 (revoking) → nothing;
 * - `increaseAllowance(spender, added)` (OpenZeppelin's ERC-20 extension): as approve;
 * - `setApprovalForAll(operator, true)` (ERC-721 / ERC-1155): every item of the collection →
 *   danger; `false` (revoking) → nothing.
 *
 * Pure: malformed calldata gives no warning rather than an error (the transaction view
 * shows such a call as an unknown function).
 */
import { type Address, decodeFunctionData, type Hex, parseAbi } from 'viem';
import type { WarningView } from '../../../messages/dapp.ts';
import type { TokenLookup } from '../simulate/tokenInfo.ts';
import { isUnlimited, tokenAmount, tokenLabel } from './tokenAmount.ts';

const approvalAbi = parseAbi([
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function setApprovalForAll(address operator, bool approved)',
]);

/**
 * @example
 * callWarnings(token, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [router, maxUint256] }))
 * // → [{ kind: 'unlimited-approval', severity: 'danger', … }]
 */
export function callWarnings(
  to: Address | null,
  data: Hex,
  tokens: TokenLookup = () => undefined,
): WarningView[] {
  if (to === null || data.length < 10) return [];
  let call: ReturnType<typeof decodeFunctionData<typeof approvalAbi>>;
  try {
    call = decodeFunctionData({ abi: approvalAbi, data });
  } catch {
    return []; // another function, or arguments that do not decode
  }
  const token = tokens(to);
  const contract = { label: 'Token', value: tokenLabel(to, token) };
  switch (call.functionName) {
    case 'approve':
    case 'increaseAllowance': {
      const [spender, amount] = call.args;
      if (amount === 0n) return [];
      const unlimited = isUnlimited(amount);
      const increase = call.functionName === 'increaseAllowance';
      return [
        {
          kind: unlimited ? 'unlimited-approval' : increase ? 'increase-allowance' : 'approval',
          severity: unlimited ? 'danger' : 'caution',
          title: unlimited
            ? `Unlimited approval: ${spender} may take all your ${token?.symbol ?? 'tokens of this contract'}, now and later, without asking you again.`
            : `${spender} may take ${increase ? 'up to this much more' : 'up to this amount'} of your tokens without asking you again.`,
          details: [
            { label: 'Spender', value: spender },
            contract,
            { label: increase ? 'Allowance increase' : 'Amount', value: tokenAmount(amount, token) },
          ],
        },
      ];
    }
    case 'setApprovalForAll': {
      const [operator, approved] = call.args;
      if (!approved) return [];
      return [
        {
          kind: 'approval-for-all',
          severity: 'danger',
          title: `${operator} may transfer every item you own in this collection, now and later, without asking you again.`,
          details: [
            { label: 'Operator', value: operator },
            { label: 'Collection', value: to },
          ],
        },
      ];
    }
  }
}
