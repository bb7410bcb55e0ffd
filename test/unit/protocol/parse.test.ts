import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { TrineError } from '../../../src/errors/index.ts';
import { hex, hexUpTo, int, parse, point } from '../../../src/protocol/parse.ts';

describe('parse(): untrusted input to a typed value or one TrineError', () => {
  const Schema = v.strictObject({ a: v.strictObject({ list: v.array(int(1, 3)) }), h: hex(2) });

  it('returns the typed value when valid', () => {
    expect(parse(Schema, { a: { list: [1, 3] }, h: '0aff' }, 'thing')).toEqual({
      a: { list: [1, 3] },
      h: '0aff',
    });
  });

  it('names the first bad field as what.path, in the message and details', () => {
    try {
      parse(Schema, { a: { list: [1, 4] }, h: '0aff' }, 'thing');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TrineError);
      const e = error as TrineError;
      expect(e.code).toBe('invalid-input');
      expect(e.status).toBe(400);
      expect(e.message).toMatch(/^thing\.a\.list\.1: /);
      expect(e.details).toEqual({ field: 'thing.a.list.1' });
    }
  });

  it('names the whole value when it is not even an object', () => {
    for (const value of [null, undefined, 7, 'x'])
      expect(() => parse(Schema, value, 'thing')).toThrow(/^thing: /);
  });

  it('hex, hexUpTo, int and point helpers', () => {
    expect(v.is(hex(1), 'ab')).toBe(true);
    expect(v.is(hex(1), 'AB')).toBe(false);
    expect(v.is(hexUpTo(2), '')).toBe(true);
    expect(v.is(hexUpTo(2), 'abcdef')).toBe(false);
    expect(v.is(hexUpTo(2), 'abc')).toBe(false);
    expect(v.is(int(1, 2), 2)).toBe(true);
    expect(v.is(int(1, 2), 2.5)).toBe(false);
    expect(v.is(int(1, 2), 0)).toBe(false);
    expect(v.is(point, `02${'ab'.repeat(32)}`)).toBe(true);
  });
});

describe('parse errors never echo the value', () => {
  it('a malformed secret (an imported key in upper case, a too-long password) is not in the message', async () => {
    const { FactorProofInput } = await import('../../../src/messages/wallet.ts');
    const secretHex = 'AB'.repeat(32);
    const password = 'p'.repeat(300);
    for (const input of [
      { type: 'imported', key: secretHex },
      { type: 'password', password },
      { type: 'passkey', prfOutput: 123 },
    ]) {
      let message = '';
      try {
        parse(FactorProofInput, input, 'proof');
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^proof\./);
      expect(message).not.toContain(secretHex);
      expect(message).not.toContain('ppppp');
      expect(message).not.toContain('received');
    }
  });
});
