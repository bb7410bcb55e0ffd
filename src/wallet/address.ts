import { keccak_256 } from '@noble/hashes/sha3.js';
import { toHex } from '../crypto/bytes.ts';
import type { Point } from '../crypto/scalar.ts';

/**
 * The Ethereum address of K = k·G: the last 20 bytes of keccak256 of the uncompressed
 * point without its 0x04 prefix, in EIP-55 mixed-case checksum form.
 */
export function addressOf(K: Point): `0x${string}` {
  const raw = toHex(keccak_256(K.toBytes(false).subarray(1)).subarray(12));
  const hash = toHex(keccak_256(new TextEncoder().encode(raw)));
  let out = '0x';
  for (let i = 0; i < raw.length; i++)
    out += Number.parseInt(hash[i]!, 16) >= 8 ? raw[i]!.toUpperCase() : raw[i]!;
  return out as `0x${string}`;
}
