import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, toHex, utf8 } from '../../../src/crypto/bytes.ts';
import { canonicalBytes, canonicalJson, taggedHash } from '../../../src/crypto/canonical.ts';

/** JSON values that are canonical: no floats (fast-check's jsonValue has them), no -0. */
const canonicalValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.maxSafeInteger(),
    fc.array(tie('value')),
    fc.dictionary(fc.string(), tie('value')),
  ),
})).value;

/** The same value with every object's keys in a random order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(() => random() - 0.5);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, { value: shuffleKeys(v, random), enumerable: true });
  return out;
}

describe('canonical JSON', () => {
  it('is independent of key order, has no white space, and parses back to the same value', () => {
    fc.assert(
      fc.property(canonicalValue, fc.integer(), (value, seed) => {
        let state = seed;
        const random = () => {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          return state / 0x7fffffff;
        };
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, random))).toBe(text);
        expect(JSON.parse(text)).toEqual(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785), at every depth', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x', { d: -5, c: '' }] })).toBe(
      '{"a":[true,null,"x",{"c":"","d":-5}],"b":1}',
    );
    // U+1F600 is the surrogate pair D83D DE00, below U+FFFF in UTF-16 order (above it in code points)
    expect(canonicalJson({ '\uffff': 1, '\u{1f600}': 2, '10': 3, '9': 4 })).toBe(
      '{"10":3,"9":4,"\u{1f600}":2,"\uffff":1}',
    );
    expect(canonicalJson('é\n"')).toBe('"é\\n\\""');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
  });

  it('treats an undefined property as absent', () => {
    expect(canonicalJson({ a: 1, salt: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(Object.create(null))).toBe('{}');
  });

  it('refuses floats, unsafe integers, undefined, bigint, bytes and other non-JSON values', () => {
    const refused: unknown[] = [
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2 ** 53,
      undefined,
      [1, undefined],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      [1, , 2],
      1n,
      { value: 10n },
      new Uint8Array(2),
      { bytes: new Uint8Array(2) },
      new Date(0),
      new Map(),
      () => 1,
      Symbol('s'),
      { f: 0.1 },
    ];
    for (const value of refused) expect(() => canonicalJson(value), String(value)).toThrow(TypeError);
  });

  it('refuses a cycle or absurd nesting with a RangeError, not a stack overflow', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/nested deeper/);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(RangeError);
    let ok: unknown = 1;
    for (let i = 0; i < 60; i++) ok = { x: ok };
    expect(() => canonicalJson(ok)).not.toThrow();
  });

  it('names the bad field in the error', () => {
    expect(() => canonicalJson({ a: [{ b: 1.5 }] })).toThrow('$.a[0].b');
  });
});

describe('tagged hashes', () => {
  it('are SHA-256(tag ‖ 0x00 ‖ canonical bytes)', () => {
    const value = { b: 2, a: 'x' };
    expect(toHex(taggedHash('trine:test:v1', value))).toBe(
      toHex(sha256(concatBytes(utf8('trine:test:v1'), new Uint8Array([0]), canonicalBytes(value)))),
    );
  });

  it('differ by tag, and from the untagged hash', () => {
    expect(toHex(taggedHash('trine:a:v1', 1))).not.toBe(toHex(taggedHash('trine:b:v1', 1)));
    expect(toHex(taggedHash('trine:a:v1', 1))).not.toBe(toHex(sha256(canonicalBytes(1))));
  });
});
