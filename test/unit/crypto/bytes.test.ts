import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abytes,
  concatBytes,
  equalBytes,
  fromBase64Url,
  fromHex,
  randomBytes,
  toBase64Url,
  toHex,
  wipe,
} from '../../../src/crypto/bytes.ts';
import { expectTrine } from './helpers.ts';

describe('hex', () => {
  it('round-trips any bytes as lower-case hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const hex = toHex(bytes);
        expect(hex).toMatch(/^[0-9a-f]*$/);
        expect(fromHex(hex)).toEqual(bytes);
        expect(fromHex(hex, bytes.length)).toEqual(bytes);
      }),
    );
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });

  it('refuses upper case, 0x, odd length, non-hex, a wrong length and non-strings, naming the field', () => {
    for (const bad of ['AB', '0xab', 'abc', 'zz', ' ab', 'ab\n'])
      expect(expectTrine(() => fromHex(bad, undefined, 'sealed'), 'invalid-input').message).toMatch(
        /^sealed/,
      );
    expectTrine(() => fromHex('abcd', 3), 'invalid-input');
    expectTrine(() => fromHex(12 as unknown as string), 'invalid-input');
  });
});

describe('base64url', () => {
  it('round-trips any bytes without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('refuses padding, the standard alphabet and impossible lengths with a typed error', () => {
    for (const bad of ['AA==', 'a+b/', 'A', 'AAAAA', 'a b', '€'])
      expectTrine(() => fromBase64Url(bad), 'invalid-input');
  });
});

describe('byte helpers', () => {
  it('abytes: TypeError for a wrong type, RangeError for a wrong length, naming the field', () => {
    expect(() => abytes('ab', 1, 'key')).toThrow(TypeError);
    expect(() => abytes([1], 1, 'key')).toThrow('key: expected Uint8Array');
    expect(() => abytes(new Uint8Array(2), 3, 'key')).toThrow(RangeError);
    expect(abytes(new Uint8Array(3), 3, 'key')).toHaveLength(3);
  });

  it('concat, compare, wipe and random bytes', () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(equalBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    const secret = new Uint8Array([9, 9]);
    wipe(secret, undefined);
    expect(secret).toEqual(new Uint8Array(2));
    expect(toHex(randomBytes(16))).not.toBe(toHex(randomBytes(16)));
  });
});
