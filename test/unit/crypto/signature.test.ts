import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, toHex, utf8 } from '../../../src/crypto/bytes.ts';
import { canonicalBytes } from '../../../src/crypto/canonical.ts';
import { N } from '../../../src/crypto/scalar.ts';
import {
  ecdsaSignBody,
  ecdsaVerifyBody,
  ed25519SignBody,
  ed25519VerifyBody,
  importEd25519Signer,
  type SignedBody,
  signedDigest,
} from '../../../src/crypto/signature.ts';

const P = 'ab'.repeat(32);
const receipt = {
  kind: 'receipt',
  P,
  epoch: 1,
  dealingHash: 'cd'.repeat(32),
  version: 1,
  issuedAt: 1700000000000,
};
/** The same fields under another kind: what a confused verifier would be shown. */
const asAck = { ...receipt, kind: 'install-ack' };

const userKey = secp256k1.utils.randomSecretKey();
const userPub = secp256k1.getPublicKey(userKey, true);
const seed = new Uint8Array(32).fill(3);
const serverPub = ed25519.getPublicKey(seed);
const signer = await importEd25519Signer(seed, serverPub);

const kinds = [
  'receipt',
  'install-ack',
  'node-share',
  'node-attestation',
  'record-write',
  'record-read',
  'dealing-authorization',
];
const body = fc.record({
  kind: fc.constantFrom(...kinds),
  P: fc.constantFrom(P, 'ef'.repeat(32)),
  epoch: fc.integer({ min: 1, max: 5 }),
  note: fc.string({ maxLength: 8 }),
});

describe('signed digests', () => {
  it('bind the kind through the tag: SHA-256("trine:sig:<kind>:v1" ‖ 0 ‖ canonical(body))', () => {
    expect(toHex(signedDigest(receipt))).toBe(
      toHex(sha256(concatBytes(utf8('trine:sig:receipt:v1'), new Uint8Array([0]), canonicalBytes(receipt)))),
    );
    expect(toHex(signedDigest(receipt))).not.toBe(toHex(signedDigest(asAck)));
  });

  it('are key-order independent', () => {
    const reordered = Object.fromEntries(Object.entries(receipt).reverse()) as SignedBody;
    expect(toHex(signedDigest(reordered))).toBe(toHex(signedDigest(receipt)));
  });

  it('refuse a body without a proper kind', () => {
    for (const kind of [undefined, '', 'Receipt', 'a b', 'x'.repeat(65), 7])
      expect(() => signedDigest({ ...receipt, kind } as unknown as SignedBody)).toThrow(TypeError);
    expect(() => signedDigest({ ...receipt, epoch: 1.5 })).toThrow(TypeError);
  });
});

describe('ECDSA secp256k1 over bodies (user keys)', () => {
  const sig = ecdsaSignBody(userKey, receipt);

  it('verifies, deterministically (RFC 6979), as a plain 64-byte compact signature of the digest', () => {
    expect(sig).toHaveLength(64);
    expect(ecdsaVerifyBody(userPub, receipt, sig)).toBe(true);
    expect(toHex(ecdsaSignBody(userKey, receipt))).toBe(toHex(sig));
    expect(secp256k1.verify(sig, signedDigest(receipt), userPub, { prehash: false })).toBe(true);
  });

  it('is not accepted for another kind, a modified body, or another key', () => {
    expect(ecdsaVerifyBody(userPub, asAck, sig)).toBe(false);
    expect(ecdsaVerifyBody(userPub, { ...receipt, epoch: 2 }, sig)).toBe(false);
    expect(ecdsaVerifyBody(userPub, { ...receipt, extra: true }, sig)).toBe(false);
    const other = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true);
    expect(ecdsaVerifyBody(other, receipt, sig)).toBe(false);
  });

  it('a signature over one body never verifies another (property)', () => {
    fc.assert(
      fc.property(body, body, (a, b) => {
        const s = ecdsaSignBody(userKey, a);
        expect(ecdsaVerifyBody(userPub, b, s)).toBe(toHex(signedDigest(a)) === toHex(signedDigest(b)));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the high-S twin (no malleability) and garbage without throwing', () => {
    const s = secp256k1.Signature.fromBytes(sig);
    const twin = new secp256k1.Signature(s.r, N - s.s).toBytes();
    expect(ecdsaVerifyBody(userPub, receipt, twin)).toBe(false);
    expect(ecdsaVerifyBody(userPub, receipt, new Uint8Array(64))).toBe(false);
    expect(ecdsaVerifyBody(userPub, receipt, new Uint8Array(64).fill(0xff))).toBe(false);
    expect(ecdsaVerifyBody(new Uint8Array(33), receipt, sig)).toBe(false);
  });

  it('throws on misuse: wrong lengths or types', () => {
    expect(() => ecdsaVerifyBody(userPub, receipt, sig.subarray(1))).toThrow(RangeError);
    expect(() => ecdsaVerifyBody(userPub.subarray(1), receipt, sig)).toThrow(RangeError);
    expect(() => ecdsaSignBody(userKey.subarray(1), receipt)).toThrow(RangeError);
  });
});

describe('Ed25519 over bodies (server keys, WebCrypto)', () => {
  it('verifies here and in an independent implementation (noble), deterministically', async () => {
    const sig = await ed25519SignBody(signer, receipt);
    expect(sig).toHaveLength(64);
    expect(await ed25519VerifyBody(serverPub, receipt, sig)).toBe(true);
    expect(ed25519.verify(sig, signedDigest(receipt), serverPub)).toBe(true);
    expect(toHex(ed25519.sign(signedDigest(receipt), seed))).toBe(toHex(sig));
  });

  it('is not accepted for another kind, a modified body, or another key', async () => {
    const sig = await ed25519SignBody(signer, receipt);
    expect(await ed25519VerifyBody(serverPub, asAck, sig)).toBe(false);
    expect(await ed25519VerifyBody(serverPub, { ...receipt, version: 2 }, sig)).toBe(false);
    expect(await ed25519VerifyBody(ed25519.getPublicKey(new Uint8Array(32).fill(4)), receipt, sig)).toBe(
      false,
    );
  });

  it('a signature over one body never verifies another (property)', async () => {
    await fc.assert(
      fc.asyncProperty(body, body, async (a, b) => {
        const s = await ed25519SignBody(signer, a);
        expect(await ed25519VerifyBody(serverPub, b, s)).toBe(
          toHex(signedDigest(a)) === toHex(signedDigest(b)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('answers false, not an exception, for a garbage key or signature', async () => {
    const sig = await ed25519SignBody(signer, receipt);
    expect(await ed25519VerifyBody(new Uint8Array(32).fill(0xff), receipt, sig)).toBe(false);
    expect(await ed25519VerifyBody(serverPub, receipt, new Uint8Array(64))).toBe(false);
    await expect(ed25519VerifyBody(serverPub, receipt, sig.subarray(1))).rejects.toThrow(RangeError);
  });
});
