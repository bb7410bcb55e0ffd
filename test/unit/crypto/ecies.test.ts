import { secp256k1 } from '@noble/curves/secp256k1.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { ECIES_SECP256K1_VERSION, eciesOpen, eciesSeal } from '../../../src/crypto/ecies.ts';
import { encodeSharePair } from '../../../src/crypto/sharePair.ts';
import { ECIES_X25519_VERSION } from '../../../src/crypto/x25519.ts';
import { factorSlot } from '../../../src/protocol/slots.ts';
import { expectTrine } from './helpers.ts';

const recipient = secp256k1.utils.randomSecretKey();
const recipientPub = secp256k1.getPublicKey(recipient, true);
const P = 'ab'.repeat(32);
const slot = factorSlot(P, 3, 2, toHex(recipientPub));
const share = encodeSharePair({ f: 11n, g: 22n });
const sealed = eciesSeal(recipientPub, share, slot);

describe('ECIES over secp256k1 (factor shares)', () => {
  it('round-trips any plaintext in any slot, with and without the public-key hint', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 200 }), (plaintext, s) => {
        const c = eciesSeal(recipientPub, plaintext, s);
        expect(eciesOpen(recipient, c, s)).toEqual(plaintext);
        expect(eciesOpen(recipient, c, s, recipientPub)).toEqual(plaintext);
      }),
      { numRuns: 30 },
    );
  });

  it('writes the versioned header: 0x01 ‖ ephemeral point ‖ 24-byte nonce ‖ ct ‖ 16-byte tag', () => {
    expect(sealed[0]).toBe(ECIES_SECP256K1_VERSION);
    expect(sealed.length).toBe(1 + 33 + 24 + 64 + 16);
    expect(() => secp256k1.Point.fromBytes(sealed.subarray(1, 34)).assertValidity()).not.toThrow();
    const again = eciesSeal(recipientPub, share, slot);
    expect(toHex(again)).not.toBe(toHex(sealed)); // a fresh ephemeral key and nonce every time
  });

  it('does not open with the wrong key', () => {
    const other = secp256k1.utils.randomSecretKey();
    expectTrine(() => eciesOpen(other, sealed, slot), 'decrypt-failed');
    // a wrong public-key hint changes the KDF input: no plaintext either
    expectTrine(
      () => eciesOpen(recipient, sealed, slot, secp256k1.getPublicKey(other, true)),
      'decrypt-failed',
    );
  });

  it('does not open in another slot (P, epoch, index or factor differ)', () => {
    const pub = toHex(recipientPub);
    for (const other of [
      factorSlot('cd'.repeat(32), 3, 2, pub),
      factorSlot(P, 4, 2, pub),
      factorSlot(P, 3, 5, pub),
      factorSlot(P, 3, 2, toHex(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true))),
      new Uint8Array(0),
    ])
      expectTrine(() => eciesOpen(recipient, sealed, other), 'decrypt-failed');
  });

  it('a flipped bit in any byte fails with a typed error (header: invalid-input, body: decrypt-failed)', () => {
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice();
      bad[i]! ^= 1 << (i % 8);
      const error = expectTrine(
        () => eciesOpen(recipient, bad, slot, recipientPub),
        'invalid-input',
        'decrypt-failed',
      );
      if (i === 0 || i >= 34) expect(error.code).toBe(i === 0 ? 'invalid-input' : 'decrypt-failed');
    }
  });

  it('a truncated or extended ciphertext fails with a typed error', () => {
    for (let length = 0; length < sealed.length; length++)
      expectTrine(
        () => eciesOpen(recipient, sealed.subarray(0, length), slot, recipientPub),
        'invalid-input',
        'decrypt-failed',
      );
    const longer = new Uint8Array(sealed.length + 1);
    longer.set(sealed);
    expectTrine(() => eciesOpen(recipient, longer, slot, recipientPub), 'decrypt-failed');
  });

  it('refuses another version byte, including an X25519 ciphertext, as invalid-input', () => {
    for (const version of [0x00, ECIES_X25519_VERSION, 0x03, 0xff]) {
      const bad = sealed.slice();
      bad[0] = version;
      const error = expectTrine(() => eciesOpen(recipient, bad, slot), 'invalid-input');
      expect(error.message).toMatch(/version/);
    }
  });

  it('refuses misuse: an invalid recipient key, secret or wrong-typed argument', () => {
    expect(() => eciesSeal(new Uint8Array(33), share, slot)).toThrow(RangeError);
    expect(() => eciesSeal(recipientPub.subarray(1), share, slot)).toThrow(RangeError);
    expect(() => eciesSeal(toHex(recipientPub) as unknown as Uint8Array, share, slot)).toThrow(TypeError);
    expect(() => eciesOpen(new Uint8Array(32), sealed, slot)).toThrow(RangeError);
    expect(() => eciesOpen(new Uint8Array(32).fill(0xff), sealed, slot)).toThrow(RangeError);
    expect(() => eciesOpen(recipient, sealed, slot, recipientPub.subarray(1))).toThrow(RangeError);
    expect(() => eciesOpen(recipient, sealed, 'slot' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
