/**
 * Known-answer vectors (test/vectors/, made by scripts/gen-vectors.ts): each format and
 * derivation must reproduce them forever, so a change that silently alters a format fails
 * here. ECIES vectors were built from the specification with a fixed ephemeral key; the
 * implementation must OPEN them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { canonicalJson, taggedHash } from '../../../src/crypto/canonical.ts';
import { eciesOpen } from '../../../src/crypto/ecies.ts';
import { factorKeyFromPassword, PASSWORD_KDF } from '../../../src/crypto/factors/password.ts';
import { factorKeyFromPhrase, phraseFromFactorKey } from '../../../src/crypto/factors/phrase.ts';
import { factorKeyFromPrf, prfSalt } from '../../../src/crypto/factors/prf.ts';
import { commit } from '../../../src/crypto/feldman.ts';
import { hashToScalar } from '../../../src/crypto/hashToScalar.ts';
import { pseudonym } from '../../../src/crypto/pseudonym.ts';
import { evaluate, interpolateAtZero, lagrangeAtZero } from '../../../src/crypto/shamir.ts';
import { decodeSharePair, encodeSharePair } from '../../../src/crypto/sharePair.ts';
import {
  ecdsaSignBody,
  ecdsaVerifyBody,
  ed25519SignBody,
  ed25519VerifyBody,
  importEd25519Signer,
  signedDigest,
} from '../../../src/crypto/signature.ts';
import { signatureTag, TAG } from '../../../src/crypto/tags.ts';
import { importX25519Private, x25519Open } from '../../../src/crypto/x25519.ts';
import { dealingSlot, factorSlot, shareSlot } from '../../../src/protocol/slots.ts';
import { expectTrine, expectTrineAsync } from './helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: vector files are checked field by field below
const vector = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), 'utf8'));
const big = (hex: string) => BigInt(`0x${hex}`);
const hex64 = (x: bigint) => x.toString(16).padStart(64, '0');

describe('vectors: ECIES over secp256k1', () => {
  const { cases } = vector('ecies-secp256k1.json');
  for (const c of cases)
    it(`${c.name}: opens to the expected plaintext with the fixed key and slot`, () => {
      const sealed = fromHex(c.sealed);
      expect(sealed[0]).toBe(c.header.version);
      expect(toHex(sealed.subarray(1, 34))).toBe(c.header.ephemeralPub);
      expect(toHex(sealed.subarray(34, 58))).toBe(c.header.nonce);
      if (c.slotArgs) {
        const { P, epoch, index } = c.slotArgs;
        expect(toHex(factorSlot(P, epoch, index, c.recipientPub))).toBe(c.slot);
      }
      const secret = fromHex(c.recipientSecret);
      expect(toHex(eciesOpen(secret, sealed, fromHex(c.slot)))).toBe(c.plaintext);
      expect(toHex(eciesOpen(secret, sealed, fromHex(c.slot), fromHex(c.recipientPub)))).toBe(c.plaintext);
      expectTrine(() => eciesOpen(secret, sealed, fromHex(`${c.slot}00`)), 'decrypt-failed');
    });
});

describe('vectors: ECIES over X25519', () => {
  const { cases } = vector('ecies-x25519.json');
  for (const c of cases)
    it(`${c.name}: opens to the expected plaintext with the fixed key and slot`, async () => {
      const sealed = fromHex(c.sealed);
      expect(sealed[0]).toBe(c.header.version);
      expect(toHex(sealed.subarray(1, 33))).toBe(c.header.ephemeralPub);
      expect(toHex(sealed.subarray(33, 57))).toBe(c.header.nonce);
      const { P, epoch, node } = c.slotArgs;
      const slotOf = c.name.startsWith('dealing') ? dealingSlot : shareSlot;
      expect(toHex(slotOf(P, epoch, node, c.recipientPub))).toBe(c.slot);
      const publicKey = fromHex(c.recipientPub);
      const recipient = {
        privateKey: await importX25519Private(fromHex(c.recipientSecret), publicKey),
        publicKey,
      };
      expect(toHex(await x25519Open(recipient, sealed, fromHex(c.slot)))).toBe(c.plaintext);
      await expectTrineAsync(() => x25519Open(recipient, sealed, fromHex(`${c.slot}00`)), 'decrypt-failed');
    });
});

describe('vectors: factor keys', () => {
  const v = vector('factor-keys.json');
  it('PRF: fixed salt and keys', () => {
    expect(toHex(prfSalt())).toBe(v.prfSalt);
    for (const c of v.prf) expect(toHex(factorKeyFromPrf(fromHex(c.prfOutput)))).toBe(c.factorKey);
  });

  it('recovery phrase: words ↔ key, including the smallest and largest valid keys', () => {
    for (const c of v.phrase) {
      expect(toHex(factorKeyFromPhrase(c.phrase))).toBe(c.factorKey);
      expect(phraseFromFactorKey(fromHex(c.factorKey))).toBe(c.phrase);
    }
  });

  it('hash to scalar', () => {
    for (const c of v.hashToScalar)
      expect(hex64(hashToScalar(fromHex(c.ikm), c.purpose, c.info))).toBe(c.scalar);
  });

  it('password: argon2id at the real parameters (64 MiB) gives the frozen key', async () => {
    const [c] = v.password;
    expect(c.params).toEqual({ ...PASSWORD_KDF });
    const key = await factorKeyFromPassword(c.password, fromHex(c.salt), { enforceStrength: true });
    expect(toHex(key)).toBe(c.factorKey);
  });
});

describe('vectors: canonical bytes, tagged hashes and domain tags', () => {
  const v = vector('canonical.json');
  it('the domain tags have not changed', () => {
    expect({ ...TAG, signatureTagOfReceipt: signatureTag('receipt') }).toEqual(v.tags);
  });

  for (const [i, c] of v.cases.entries())
    it(`case ${i}: ${c.json.slice(0, 40)}`, () => {
      expect(canonicalJson(c.value)).toBe(c.json);
      expect(toHex(taggedHash(c.taggedHash.tag, c.value))).toBe(c.taggedHash.hash);
    });
});

describe('vectors: pseudonym', () => {
  for (const c of vector('pseudonym.json').cases)
    it(`${c.verifier} / ${c.subject}`, () => {
      expect(toHex(pseudonym(fromHex(c.networkSalt), c.verifier, c.subject))).toBe(c.P);
    });
});

describe('vectors: signatures', () => {
  const v = vector('signatures.json');
  it('ECDSA secp256k1 (RFC 6979): same digest, same signature, verifies', () => {
    for (const c of v.ecdsa.cases) {
      expect(toHex(signedDigest(c.body))).toBe(c.digest);
      expect(toHex(ecdsaSignBody(fromHex(v.ecdsa.secretKey), c.body))).toBe(c.signature);
      expect(ecdsaVerifyBody(fromHex(v.ecdsa.publicKey), c.body, fromHex(c.signature))).toBe(true);
    }
  });

  it('Ed25519 (made by noble, checked with WebCrypto): same signature, verifies', async () => {
    const signer = await importEd25519Signer(fromHex(v.ed25519.seed), fromHex(v.ed25519.publicKey));
    for (const c of v.ed25519.cases) {
      expect(toHex(signedDigest(c.body))).toBe(c.digest);
      expect(toHex(await ed25519SignBody(signer, c.body))).toBe(c.signature);
      expect(await ed25519VerifyBody(fromHex(v.ed25519.publicKey), c.body, fromHex(c.signature))).toBe(true);
    }
  });
});

describe('vectors: shares, commitments and share pairs', () => {
  const v = vector('shares.json');
  const poly = v.polynomial.map(big);
  it('evaluation, interpolation and Lagrange coefficients', () => {
    for (const s of v.shares) expect(hex64(evaluate(poly, s.index))).toBe(s.value);
    for (const l of v.lagrange) expect(lagrangeAtZero(l.indices).map(hex64)).toEqual(l.coefficients);
    const three = v.shares
      .slice(0, 3)
      .map((s: { index: number; value: string }) => ({ index: s.index, value: big(s.value) }));
    expect(hex64(interpolateAtZero(three))).toBe(v.polynomial[0]);
  });

  it('Feldman commitments and share-pair bytes', () => {
    expect(commit(poly).map(toHex)).toEqual(v.commitments);
    const pair = { f: big(v.sharePair.f), g: big(v.sharePair.g) };
    expect(toHex(encodeSharePair(pair))).toBe(v.sharePair.encoded);
    expect(decodeSharePair(fromHex(v.sharePair.encoded))).toEqual(pair);
  });
});
