/**
 * Byte helpers and labelled asserters (noble style): every exported crypto function
 * checks its inputs with these first, and the message names the field.
 */
import { TrineError } from '../errors/index.ts';

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

/** Assert `value` is a Uint8Array (of `length` bytes when given). */
export function abytes(value: unknown, length: number | undefined, title: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${title}: expected Uint8Array`);
  if (length !== undefined && value.length !== length)
    throw new RangeError(`${title}: expected ${length} bytes, got ${value.length}`);
  return value;
}

/** Lower-case hex, no 0x. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Strict lower-case hex decoder; a malformed string is a TrineError('invalid-input'). */
export function fromHex(hex: string, length?: number, title = 'hex'): Uint8Array {
  if (typeof hex !== 'string' || !HEX_RE.test(hex))
    throw new TrineError({ code: 'invalid-input', message: `${title}: expected lower-case hex` });
  if (length !== undefined && hex.length !== length * 2)
    throw new TrineError({ code: 'invalid-input', message: `${title}: expected ${length} bytes` });
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Constant-time equality for equal-length inputs. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Cryptographically random bytes from the platform (WebCrypto). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** Overwrite temporaries holding secrets. */
export function wipe(...arrays: (Uint8Array | undefined)[]): void {
  for (const a of arrays) a?.fill(0);
}

/** base64url without padding (JWT / nonce encoding). */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url decoder (padding-free); malformed input is a TrineError('invalid-input'). */
export function fromBase64Url(s: string): Uint8Array {
  // a length of 1 mod 4 cannot come from any byte string (atob would throw a DOMException)
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1)
    throw new TrineError({ code: 'invalid-input', message: 'expected base64url' });
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
