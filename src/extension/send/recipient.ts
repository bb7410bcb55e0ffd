/**
 * The recipient as typed: a 20-byte address or an ENS name. An address in mixed case
 * carries an EIP-55 checksum, and a wrong one is refused (a mistyped character); all lower
 * (or all upper) case carries none and is taken as is. The zero address is refused: what
 * is sent there is burnt.
 */
import { type Address, getAddress, isAddress, zeroAddress } from 'viem';
import { normalize } from 'viem/ens';
import { invalidInput } from '../../errors/index.ts';

export type Recipient = { kind: 'address'; address: Address } | { kind: 'ens'; name: string };

/**
 * @example
 * parseRecipient('0x70997970c51812dc3a010c7d01b50e0d17dc79c8') // → { kind: 'address', address: '0x7099…79C8' }
 * parseRecipient('Vitalik.eth')                               // → { kind: 'ens', name: 'vitalik.eth' }
 */
export function parseRecipient(text: string): Recipient {
  if (typeof text !== 'string') throw new TypeError('recipient: expected a string');
  const typed = text.trim();
  if (typed === '') throw invalidInput('recipient', 'enter an address (0x…) or an ENS name');
  if (/^0x/i.test(typed)) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(typed))
      throw invalidInput('recipient', 'an address is 0x followed by 40 hexadecimal digits');
    const digits = typed.slice(2);
    const mixedCase = digits !== digits.toLowerCase() && digits !== digits.toUpperCase();
    if (mixedCase && !isAddress(typed, { strict: true }))
      throw invalidInput(
        'recipient',
        'the address checksum does not match (a character is probably mistyped); check the address',
      );
    const address = getAddress(typed);
    if (address === zeroAddress)
      throw invalidInput('recipient', 'the zero address belongs to nobody: what is sent there is lost');
    return { kind: 'address', address };
  }
  // A name: dot-separated labels, no spaces (ENSIP-15 normalisation decides the rest).
  if (/^[^\s.]+(\.[^\s.]+)+$/u.test(typed)) {
    try {
      return { kind: 'ens', name: normalize(typed) };
    } catch {
      throw invalidInput('recipient', `${typed} is not a valid ENS name`);
    }
  }
  throw invalidInput('recipient', 'enter an address (0x…) or an ENS name such as name.eth');
}
