import { x25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { ECIES_SECP256K1_VERSION } from '../../../src/crypto/ecies.ts';
import {
  ECIES_X25519_VERSION,
  generateX25519,
  importX25519Private,
  type X25519KeyPair,
  x25519Open,
  x25519Seal,
} from '../../../src/crypto/x25519.ts';
import { shareSlot } from '../../../src/protocol/slots.ts';
import { expectTrineAsync } from './helpers.ts';

const recipient = await generateX25519();
const P = 'ab'.repeat(32);
const slot = shareSlot(P, 1, 4, toHex(recipient.publicKey));
const plaintext = new Uint8Array(64).map((_, i) => i);
const sealed = await x25519Seal(recipient.publicKey, plaintext, slot);

describe('ECIES over X25519 (node answers and dealings)', () => {
  it('round-trips any plaintext in any slot', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 200 }), async (p, s) => {
        expect(await x25519Open(recipient, await x25519Seal(recipient.publicKey, p, s), s)).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });

  it('writes the versioned header 0x02 ‖ ephemeral key ‖ nonce ‖ ct ‖ tag, fresh each time', async () => {
    expect(sealed[0]).toBe(ECIES_X25519_VERSION);
    expect(sealed.length).toBe(1 + 32 + 24 + 64 + 16);
    const again = await x25519Seal(recipient.publicKey, plaintext, slot);
    expect(toHex(again.subarray(1, 33))).not.toBe(toHex(sealed.subarray(1, 33)));
  });

  it('opens with a raw private key imported from bytes (a node’s configured key)', async () => {
    const secret = new Uint8Array(32).fill(9);
    const pair: X25519KeyPair = {
      privateKey: await importX25519Private(secret, x25519.getPublicKey(secret)),
      publicKey: x25519.getPublicKey(secret),
    };
    const c = await x25519Seal(pair.publicKey, plaintext, slot);
    expect(await x25519Open(pair, c, slot)).toEqual(plaintext);
  });

  it('does not open with the wrong key, or the right key under a wrong public key', async () => {
    const other = await generateX25519();
    await expectTrineAsync(() => x25519Open(other, sealed, slot), 'decrypt-failed');
    await expectTrineAsync(
      () => x25519Open({ privateKey: recipient.privateKey, publicKey: other.publicKey }, sealed, slot),
      'decrypt-failed',
    );
  });

  it('does not open in another slot', async () => {
    const key = toHex(recipient.publicKey);
    for (const other of [
      shareSlot('cd'.repeat(32), 1, 4, key),
      shareSlot(P, 2, 4, key),
      shareSlot(P, 1, 5, key),
    ])
      await expectTrineAsync(() => x25519Open(recipient, sealed, other), 'decrypt-failed');
  });

  it('a flipped bit anywhere fails with a typed error', async () => {
    for (let i = 0; i < sealed.length; i++) {
      const bad = sealed.slice();
      bad[i]! ^= 1 << (i % 8);
      const error = await expectTrineAsync(
        () => x25519Open(recipient, bad, slot),
        'invalid-input',
        'decrypt-failed',
      );
      if (i === 0) expect(error.code).toBe('invalid-input');
    }
  });

  it('a truncated ciphertext fails with a typed error', async () => {
    for (let length = 0; length < sealed.length; length++)
      await expectTrineAsync(
        () => x25519Open(recipient, sealed.subarray(0, length), slot),
        'invalid-input',
        'decrypt-failed',
      );
  });

  it('refuses another version byte, including a secp256k1 ciphertext, as invalid-input', async () => {
    for (const version of [0x00, ECIES_SECP256K1_VERSION, 0x03, 0xff]) {
      const bad = sealed.slice();
      bad[0] = version;
      await expectTrineAsync(() => x25519Open(recipient, bad, slot), 'invalid-input');
    }
  });

  it('a small-order ephemeral key (all-zero shared secret) is refused, not used', async () => {
    const bad = sealed.slice();
    bad.fill(0, 1, 33);
    await expectTrineAsync(() => x25519Open(recipient, bad, slot), 'decrypt-failed', 'invalid-input');
    await expectTrineAsync(
      () => x25519Seal(new Uint8Array(32), plaintext, slot),
      'decrypt-failed',
      'invalid-input',
    );
  });

  it('refuses wrong-typed or wrong-length arguments', async () => {
    await expect(x25519Seal(recipient.publicKey.subarray(1), plaintext, slot)).rejects.toThrow(RangeError);
    await expect(x25519Seal(recipient.publicKey, 'x' as unknown as Uint8Array, slot)).rejects.toThrow(
      TypeError,
    );
    await expect(
      x25519Open({ privateKey: recipient.privateKey, publicKey: new Uint8Array(31) }, sealed, slot),
    ).rejects.toThrow(RangeError);
  });
});
