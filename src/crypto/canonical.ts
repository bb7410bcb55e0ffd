/**
 * Canonical bytes: one encoding for every signed or hashed object.
 *
 * JSON with object keys sorted by UTF-16 code units and no white space (the JCS rules of
 * RFC 8785, restricted): values are strings, safe integers, booleans, null, arrays and
 * plain objects. Floats, undefined, bigint and bytes are refused: callers encode bytes as
 * lower-case hex and big numbers as strings, so two encoders can never disagree. One
 * exception: an object property whose value is undefined is the same object as one without
 * it (that is what a parsed optional field looks like). Misuse is a TypeError or RangeError.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from './bytes.ts';

export type Canonical =
  | string
  | number
  | boolean
  | null
  | readonly Canonical[]
  | { readonly [k: string]: Canonical };

/** Deeper than any Trine object; a cycle or a hostile nesting stops here, not at the stack limit. */
const MAX_DEPTH = 64;

function encode(value: unknown, path: string, depth = 0): string {
  if (depth > MAX_DEPTH) throw new RangeError(`${path}: nested deeper than ${MAX_DEPTH}`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: only safe integers are canonical`);
      return Object.is(value, -0) ? '0' : String(value);
    case 'object': {
      if (Array.isArray(value)) {
        // an indexed loop, not map(): a hole in a sparse array is undefined and refused
        const items: string[] = [];
        for (let i = 0; i < value.length; i++) items.push(encode(value[i], `${path}[${i}]`, depth + 1));
        return `[${items.join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`${path}: only plain objects are canonical`);
      const keys = Object.keys(value).sort();
      const parts: string[] = [];
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue; // absent and undefined are the same object
        parts.push(`${JSON.stringify(k)}:${encode(v, `${path}.${k}`, depth + 1)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`${path}: ${typeof value} is not canonical`);
  }
}

/** The canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

/** The canonical bytes of `value`. */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

/** SHA-256(tag ‖ 0x00 ‖ canonical(value)): a hash that cannot be confused across purposes. */
export function taggedHash(tag: string, value: unknown): Uint8Array {
  return sha256(concatBytes(utf8(tag), new Uint8Array([0]), canonicalBytes(value)));
}
