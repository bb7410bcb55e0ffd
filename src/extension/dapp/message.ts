/**
 * The message of `personal_sign` and `personal_ecRecover` as bytes: 0x-hex of whole bytes
 * is taken as the bytes, anything else as UTF-8 text (some dApps send plain text), as
 * MetaMask does.
 */
import * as v from 'valibot';
import { type Hex, isHex, stringToHex } from 'viem';
import { MAX_DATA_BYTES } from './params.ts';

export const messageParam = v.pipe(v.string(), v.maxLength(2 + MAX_DATA_BYTES * 2));

/** @example messageBytes('hi') // '0x6869'; messageBytes('0x6869') // '0x6869' */
export function messageBytes(message: string): Hex {
  return isHex(message, { strict: true }) && message.length % 2 === 0 ? message : stringToHex(message);
}
