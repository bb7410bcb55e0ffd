/**
 * Why a call reverted, from its return data: Solidity's `Error(string)` (selector
 * 0x08c379a0) as the message, `Panic(uint256)` (0x4e487b71) by its code's meaning, any
 * other custom error by its selector. Pure; data that does not decode gives `null` or the
 * selector, never an error.
 */
import { decodeErrorResult, type Hex } from 'viem';

/** Solidity's panic codes (docs.soliditylang.org, "Panic via assert and error via require"). */
const PANICS: Record<number, string> = {
  1: 'assertion failed',
  17: 'arithmetic overflow or underflow',
  18: 'division by zero',
  33: 'invalid enum value',
  34: 'corrupt storage byte array',
  49: 'pop from an empty array',
  50: 'array index out of bounds',
  65: 'out of memory',
  81: 'call to an uninitialised function',
};

/**
 * @example revertReason(encodeErrorResult({ abi: [solidityError], errorName: 'Error', args: ['balance'] }))
 * // → 'balance'
 */
export function revertReason(data: unknown): string | null {
  if (typeof data !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(data) || data.length < 10) return null;
  try {
    const decoded = decodeErrorResult({ data: data as Hex }); // knows Error and Panic
    const [arg] = decoded.args ?? [];
    if (decoded.errorName === 'Error') return String(arg).slice(0, 500);
    if (decoded.errorName === 'Panic') {
      const code = Number(arg);
      return `panic 0x${code.toString(16)}: ${PANICS[code] ?? 'unknown panic code'}`;
    }
  } catch {
    // a custom error of the contract's own ABI, which we do not have, or a cut-off one
  }
  const selector = data.slice(0, 10).toLowerCase();
  return selector === '0x08c379a0' || selector === '0x4e487b71' ? null : `custom error ${selector}`;
}
