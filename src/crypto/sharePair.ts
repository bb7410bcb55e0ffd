/** A share at one index is the pair (f(i), g(i)): 64 bytes, two 32-byte big-endian scalars. */
import { TrineError } from '../errors/index.ts';
import { abytes, concatBytes } from './bytes.ts';
import { N, scalarToBytes } from './scalar.ts';

export type SharePair = { f: bigint; g: bigint };

export function encodeSharePair({ f, g }: SharePair): Uint8Array {
  return concatBytes(scalarToBytes(f), scalarToBytes(g));
}

export function decodeSharePair(bytes: Uint8Array): SharePair {
  abytes(bytes, undefined, 'share pair');
  if (bytes.length !== 64)
    throw new TrineError({ code: 'invalid-input', message: 'share pair: expected 64 bytes' });
  const read = (from: number) => {
    let s = 0n;
    for (let i = from; i < from + 32; i++) s = (s << 8n) | BigInt(bytes[i]!);
    if (s >= N) throw new TrineError({ code: 'invalid-input', message: 'share pair: value not below n' });
    return s;
  };
  return { f: read(0), g: read(32) };
}
