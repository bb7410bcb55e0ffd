/**
 * The server's OpenSSL verifier must accept exactly what the browser's noble verifier
 * accepts: same digest, same low-S rule, same refusals.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, test } from 'vitest';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { N, pointToBytes, publicOf, randomScalar, scalarToBytes } from '../../../src/crypto/scalar.ts';
import { ecdsaSignBody, ecdsaVerifyBody, signedDigest } from '../../../src/crypto/signature.ts';
import { ecdsaVerifyBodyNative, signedPreimage } from '../../../src/metadata/ecdsaVerifyNative.ts';

const body = { kind: 'record-read', P: toHex(randomBytes(32)), issuedAt: 1_700_000_000_000 } as const;

function keyPair() {
  const secret = randomScalar();
  return { secret: scalarToBytes(secret), pub: pointToBytes(publicOf(secret)) };
}

/** (r, n − s): the same signature in its high-S form. */
function highS(signature: Uint8Array): Uint8Array {
  const s = BigInt(`0x${toHex(signature.subarray(32))}`);
  const out = signature.slice();
  out.set(scalarToBytes(N - s), 32);
  return out;
}

describe('ecdsaVerifyBodyNative', () => {
  test('SHA-256 of the preimage is the signed digest', () => {
    expect(toHex(sha256(signedPreimage(body)))).toBe(toHex(signedDigest(body)));
  });

  test('agrees with noble on valid and invalid signatures', () => {
    for (let i = 0; i < 20; i++) {
      const { secret, pub } = keyPair();
      const other = keyPair();
      const sig = ecdsaSignBody(secret, body);
      const tampered = { ...body, issuedAt: body.issuedAt + 1 };
      const cases: [Uint8Array, object, Uint8Array][] = [
        [pub, body, sig],
        [other.pub, body, sig],
        [pub, tampered, sig],
        [pub, { ...body, kind: 'record-write' }, sig],
        [pub, body, highS(sig)],
        [pub, body, new Uint8Array(64)],
      ];
      for (const [key, b, s] of cases)
        expect(ecdsaVerifyBodyNative(key, b as typeof body, s)).toBe(
          ecdsaVerifyBody(key, b as typeof body, s),
        );
    }
  });

  test('a valid signature verifies; its high-S twin does not', () => {
    const { secret, pub } = keyPair();
    const sig = ecdsaSignBody(secret, body);
    expect(ecdsaVerifyBodyNative(pub, body, sig)).toBe(true);
    expect(ecdsaVerifyBodyNative(pub, body, highS(sig))).toBe(false);
  });

  test('a public key off the curve verifies nothing; malformed input throws', () => {
    const { secret } = keyPair();
    const sig = ecdsaSignBody(secret, body);
    const offCurve = new Uint8Array(33).fill(0xff);
    offCurve[0] = 2;
    expect(ecdsaVerifyBodyNative(offCurve, body, sig)).toBe(false);
    expect(() => ecdsaVerifyBodyNative(new Uint8Array(32), body, sig)).toThrow(RangeError);
    expect(() => ecdsaVerifyBodyNative(keyPair().pub, body, sig.subarray(1))).toThrow(RangeError);
    expect(() => ecdsaVerifyBodyNative(keyPair().pub, { kind: 'Bad Kind' }, sig)).toThrow(TypeError);
  });
});
