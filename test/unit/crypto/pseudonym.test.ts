import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { pseudonym } from '../../../src/crypto/pseudonym.ts';

const salt = new Uint8Array(32).fill(1);

describe('pseudonym P = HMAC(networkSalt, uid)', () => {
  it('is 32 bytes, the same for the same user, and differs by salt, verifier and subject', () => {
    const p = toHex(pseudonym(salt, 'dev', 'alice'));
    expect(p).toHaveLength(64);
    expect(toHex(pseudonym(salt, 'dev', 'alice'))).toBe(p);
    expect(toHex(pseudonym(new Uint8Array(32).fill(2), 'dev', 'alice'))).not.toBe(p);
    expect(toHex(pseudonym(salt, 'google', 'alice'))).not.toBe(p);
    expect(toHex(pseudonym(salt, 'dev', 'alice2'))).not.toBe(p);
  });

  it('cannot be confused by moving characters between verifier and subject', () => {
    expect(toHex(pseudonym(salt, 'ab', 'c'))).not.toBe(toHex(pseudonym(salt, 'a', 'bc')));
  });

  it('refuses a missing verifier or subject and a short salt', () => {
    expect(() => pseudonym(salt, '', 'alice')).toThrow(TypeError);
    expect(() => pseudonym(salt, 'dev', '')).toThrow(TypeError);
    expect(() => pseudonym(salt.subarray(1), 'dev', 'alice')).toThrow(RangeError);
  });
});
