import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../../../src/crypto/bytes.ts';
import { factorKeyFromPrf, prfSalt } from '../../../../src/crypto/factors/prf.ts';
import { hashToScalar } from '../../../../src/crypto/hashToScalar.ts';
import { N, scalarFromBytes } from '../../../../src/crypto/scalar.ts';
import { TAG } from '../../../../src/crypto/tags.ts';

describe('passkey factor key from a WebAuthn PRF output', () => {
  it('is deterministic, a valid scalar, and different for different outputs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 64 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (a, b) => {
          const key = factorKeyFromPrf(a);
          expect(key).toHaveLength(32);
          expect(toHex(factorKeyFromPrf(a.slice()))).toBe(toHex(key));
          const s = scalarFromBytes(key);
          expect(s > 0n && s < N).toBe(true);
          if (toHex(a) !== toHex(b)) expect(toHex(factorKeyFromPrf(b))).not.toBe(toHex(key));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is domain-separated: the same bytes under another purpose give another scalar', () => {
    const ikm = new Uint8Array(32).fill(7);
    const key = scalarFromBytes(factorKeyFromPrf(ikm));
    expect(hashToScalar(ikm, TAG.prfFactor, 'factor-key')).toBe(key);
    expect(hashToScalar(ikm, TAG.passwordFactor, 'factor-key')).not.toBe(key);
    expect(hashToScalar(ikm, TAG.prfFactor, 'other')).not.toBe(key);
  });

  it('uses a fixed, versioned salt for prf.eval.first', () => {
    expect(toHex(prfSalt())).toBe(toHex(sha256(utf8('trine:prf-salt:v1'))));
    expect(prfSalt()).not.toBe(prfSalt()); // a fresh array: a caller cannot corrupt it for the next
  });

  it('refuses short or wrong-typed PRF outputs', () => {
    expect(() => factorKeyFromPrf(new Uint8Array(31))).toThrow(RangeError);
    expect(() => factorKeyFromPrf('x'.repeat(32) as unknown as Uint8Array)).toThrow(TypeError);
  });
});
