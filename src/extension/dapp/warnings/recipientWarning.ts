/**
 * The recipient's kind, from its code (`eth_getCode`): sending the chain's currency to a
 * contract with no calldata, or calling a function Trine cannot name, deserves a second look
 * (funds sent to a contract that does not expect them are often lost); calldata to an
 * address with no code does nothing but pay for the data. An EIP-7702 delegated account
 * (code `0xef0100` ‖ address) is an account, not a contract.
 */
import type { Address, Hex } from 'viem';
import type { WarningView } from '../../../messages/dapp.ts';

const DELEGATION_PREFIX = '0xef0100'; // EIP-7702 delegation designator

/** `knownCall`: whether the calldata's function is one Trine decodes (tx/decode.ts). */
export function recipientWarning(
  to: Address | null,
  data: Hex,
  code: Hex | null,
  knownCall: boolean,
): WarningView | null {
  if (to === null || code === null) return null;
  const delegated = code.length === 48 && code.toLowerCase().startsWith(DELEGATION_PREFIX);
  const contract = code !== '0x' && !delegated;
  if (contract && data === '0x')
    return {
      kind: 'contract-recipient',
      severity: 'caution',
      title: 'The recipient is a contract, not a person’s account. Make sure it is meant to receive funds.',
      details: [{ label: 'Contract', value: to }],
    };
  if (contract && !knownCall)
    return {
      kind: 'contract-recipient',
      severity: 'caution',
      title: 'This calls a contract function Trine cannot decode: only approve if you trust this site.',
      details: [
        { label: 'Contract', value: to },
        { label: 'Function selector', value: data.slice(0, 10) },
      ],
    };
  if (!contract && !delegated && data !== '0x')
    return {
      kind: 'no-code-recipient',
      severity: 'caution',
      title: 'The recipient has no contract code: the call data will do nothing.',
      details: [{ label: 'Recipient', value: to }],
    };
  return null;
}
