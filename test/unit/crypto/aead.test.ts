import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal } from '../../../src/crypto/aead.ts';
import { utf8 } from '../../../src/crypto/bytes.ts';
import { privateSlot } from '../../../src/protocol/slots.ts';
import { expectTrine } from './helpers.ts';

const key = new Uint8Array(32).fill(5);
const slot = privateSlot('ab'.repeat(32));

describe('XChaCha20-Poly1305 with managed nonces', () => {
  it('round-trips, with a fresh nonce per message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (plaintext) => {
        const sealed = aeadSeal(key, plaintext, slot);
        expect(sealed.length).toBe(24 + plaintext.length + 16);
        expect(aeadOpen(key, sealed, slot)).toEqual(plaintext);
      }),
    );
    const a = aeadSeal(key, utf8('x'), slot);
    const b = aeadSeal(key, utf8('x'), slot);
    expect(a.subarray(0, 24)).not.toEqual(b.subarray(0, 24));
  });

  it('fails with decrypt-failed for another key, another slot, a flipped bit or a short input', () => {
    const sealed = aeadSeal(key, utf8('labels and settings'), slot);
    expectTrine(() => aeadOpen(new Uint8Array(32), sealed, slot), 'decrypt-failed');
    expectTrine(() => aeadOpen(key, sealed, privateSlot('cd'.repeat(32))), 'decrypt-failed');
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice();
      bad[i]! ^= 0x80;
      expectTrine(() => aeadOpen(key, bad, slot), 'decrypt-failed');
    }
    expectTrine(() => aeadOpen(key, sealed.subarray(0, 39), slot), 'decrypt-failed');
    expect(() => aeadSeal(key.subarray(1), sealed, slot)).toThrow(RangeError);
  });
});
