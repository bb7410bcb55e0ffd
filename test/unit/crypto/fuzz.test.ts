/**
 * Fuzzing every byte-level decoder: 10,000 random or mutated inputs each. The rule
 * (docs/CRYPTO.md, "Errors"): a decoder of untrusted bytes or text throws only
 * TrineError; a math primitive (pointFromBytes, decodeCommitments, canonicalJson) throws
 * only TypeError/RangeError, as noble does; a verifier returns a boolean.
 */

import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal } from '../../../src/crypto/aead.ts';
import { fromBase64Url, fromHex, toBase64Url, toHex } from '../../../src/crypto/bytes.ts';
import { canonicalJson } from '../../../src/crypto/canonical.ts';
import { eciesOpen, eciesSeal } from '../../../src/crypto/ecies.ts';
import { importFactorKey } from '../../../src/crypto/factors/keys.ts';
import { factorKeyFromPhrase, generateRecoveryPhrase } from '../../../src/crypto/factors/phrase.ts';
import { commit, decodeCommitments } from '../../../src/crypto/feldman.ts';
import { N, pointFromBytes, pointFromHex, scalarToBytes } from '../../../src/crypto/scalar.ts';
import { decodeSharePair, encodeSharePair } from '../../../src/crypto/sharePair.ts';
import {
  ecdsaSignBody,
  ecdsaVerifyBody,
  ed25519SignBody,
  ed25519VerifyBody,
  importEd25519Signer,
} from '../../../src/crypto/signature.ts';
import { generateX25519, x25519Open, x25519Seal } from '../../../src/crypto/x25519.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { validFormats } from '../protocol/fixtures.ts';
import { fuzz, junk, mutate, type Rng } from '../protocol/mutate.ts';

const RUNS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_601);

/** Break a valid byte string: flip bits, cut, extend, overwrite, or replace it. */
function mutateBytes(valid: Uint8Array, rng: Rng): Uint8Array {
  const out = valid.slice();
  switch (rng.int(6)) {
    case 0:
      for (let n = 1 + rng.int(3); n > 0; n--) out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return out;
    case 1:
      return out.subarray(0, rng.int(out.length));
    case 2:
      return Uint8Array.from([...out, ...rng.bytes(1 + rng.int(40))]);
    case 3: {
      const at = rng.int(out.length);
      out.set(rng.bytes(1 + rng.int(8)).subarray(0, out.length - at), at);
      return out;
    }
    case 4:
      out[0] = rng.int(256);
      return out;
    default:
      return rng.bytes(rng.int(2 * valid.length + 2));
  }
}

const onlyTrine = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (!isTrineError(error)) throw error;
  }
};
const onlyTrineAsync = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    if (!isTrineError(error)) throw error;
  }
};
const onlyMisuse = (fn: () => unknown) => {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
  }
};

async function fuzzAsync(runs: number, seed: number, check: (rng: Rng) => Promise<void>) {
  const { Rng } = await import('../protocol/mutate.ts');
  const rng = new Rng(seed);
  for (let i = 0; i < runs; i++) {
    try {
      await check(rng);
    } catch (error) {
      throw new Error(`fuzz case ${i} of seed ${seed} failed: ${(error as Error)?.message}`, {
        cause: error,
      });
    }
  }
}

describe('fuzz the byte and text decoders (10,000 inputs each)', () => {
  it('fromHex and fromBase64Url: bytes or TrineError, for any value', () => {
    const hex = toHex(new Uint8Array(33).fill(0xa5));
    const b64 = toBase64Url(new Uint8Array(33).fill(0xa5));
    fuzz(
      RUNS,
      SEED,
      (rng) => (rng.next() < 0.7 ? mutate(rng.pick([hex, b64]), rng) : junk(rng)),
      (input) => {
        onlyTrine(() => fromHex(input as string));
        onlyTrine(() => fromHex(input as string, 33, 'K'));
        onlyTrine(() => fromBase64Url(input as string));
      },
    );
  });

  it('decodeSharePair: a pair of scalars below n, or TrineError', () => {
    const valid = encodeSharePair({ f: N - 1n, g: 12345n });
    fuzz(
      RUNS,
      SEED,
      (rng) => mutateBytes(valid, rng),
      (input) =>
        onlyTrine(() => {
          const { f, g } = decodeSharePair(input as Uint8Array);
          expect(f < N && g < N).toBe(true);
        }),
    );
  });

  it('factorKeyFromPhrase: a valid key or TrineError, for mutated phrases and junk text', () => {
    const { phrase } = generateRecoveryPhrase();
    fuzz(
      RUNS,
      SEED,
      (rng) => {
        const words = phrase.split(' ');
        switch (rng.int(5)) {
          case 0:
            words[rng.int(24)] = rng.pick(wordlist);
            return words.join(' ');
          case 1:
            return words.slice(0, rng.int(30)).join(rng.pick([' ', '  ', '\t', '\n', ',']));
          case 2: {
            const i = rng.int(23);
            [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
            return words.join(' ');
          }
          case 3:
            return Array.from({ length: 24 }, () => rng.pick(wordlist)).join(' ');
          default:
            return mutate(phrase, rng);
        }
      },
      (input) => {
        if (typeof input !== 'string') return;
        onlyTrine(() => expect(factorKeyFromPhrase(input)).toHaveLength(32));
      },
    );
  });

  it('pointFromHex and importFactorKey: TrineError only; pointFromBytes and decodeCommitments: RangeError only', () => {
    const point = commit([7n])[0]!;
    const key = scalarToBytes(N - 2n);
    const uncompressed = secp256k1.getPublicKey(key, false);
    fuzz(
      RUNS,
      SEED,
      (rng) => rng,
      (input) => {
        const rng = input as Rng;
        const bytes = mutateBytes(rng.next() < 0.5 ? point : uncompressed, rng);
        onlyTrine(() => pointFromHex(toHex(bytes), 'K'));
        onlyMisuse(() => pointFromBytes(bytes, 'K'));
        onlyMisuse(() => decodeCommitments([bytes]));
        const k = mutateBytes(key, rng);
        if (k.length === 32) onlyTrine(() => importFactorKey(k));
        else onlyMisuse(() => importFactorKey(k));
      },
    );
  });

  it('canonicalJson: text that parses back, or TypeError/RangeError, for any value', () => {
    fuzz(
      RUNS,
      SEED,
      (rng) => (rng.next() < 0.5 ? mutate(validFormats.MetadataRecord, rng) : junk(rng)),
      (input) => {
        const text = onlyMisuse(() => canonicalJson(input));
        if (text !== undefined) expect(canonicalJson(JSON.parse(text as string))).toBe(text);
      },
    );
  });

  it('aeadOpen: plaintext or TrineError', () => {
    const key = new Uint8Array(32).fill(1);
    const aad = new Uint8Array(3);
    const valid = aeadSeal(key, new Uint8Array(64), aad);
    fuzz(
      RUNS,
      SEED,
      (rng) => mutateBytes(valid, rng),
      (input) => onlyTrine(() => aeadOpen(key, input as Uint8Array, aad)),
    );
  });

  it('eciesOpen (secp256k1): plaintext or TrineError', () => {
    // a constant-time secp256k1 ECDH costs ~5 ms: most inputs are refused by the header
    // checks, and about one in twenty (those with a valid header) reach the key agreement and the tag
    const secret = secp256k1.utils.randomSecretKey();
    const pub = secp256k1.getPublicKey(secret, true);
    const slot = new Uint8Array([1, 2, 3]);
    const valid = eciesSeal(pub, encodeSharePair({ f: 1n, g: 2n }), slot);
    let reachedTag = 0;
    fuzz(
      RUNS,
      SEED,
      (rng) => {
        const bad = mutateBytes(valid, rng);
        if (rng.next() < 0.92 && bad.length > 0) bad[0] = rng.pick([0, 2, 3, 0xff, 0x81]); // wrong version
        return bad;
      },
      (input) => {
        const bytes = input as Uint8Array;
        if (bytes[0] === 1 && bytes.length >= 74) reachedTag++;
        onlyTrine(() => eciesOpen(secret, bytes, slot, pub));
      },
    );
    expect(reachedTag).toBeGreaterThan(300);
  });

  it('x25519Open: plaintext or TrineError', async () => {
    const recipient = await generateX25519();
    const slot = new Uint8Array([1, 2, 3]);
    const valid = await x25519Seal(recipient.publicKey, encodeSharePair({ f: 1n, g: 2n }), slot);
    await fuzzAsync(RUNS, SEED, (rng) =>
      onlyTrineAsync(() => x25519Open(recipient, mutateBytes(valid, rng), slot)),
    );
  });

  it('signature verifiers answer a boolean for any signature and key bytes', async () => {
    const body = { kind: 'receipt', P: 'ab'.repeat(32), epoch: 1 };
    const userKey = secp256k1.utils.randomSecretKey();
    const userPub = secp256k1.getPublicKey(userKey, true);
    const ecdsaSig = ecdsaSignBody(userKey, body);
    const seed = new Uint8Array(32).fill(9);
    const serverPub = ed25519.getPublicKey(seed);
    const edSig = await ed25519SignBody(await importEd25519Signer(seed, serverPub), body);
    // ECDSA verification costs ~2 ms: 500 of the 10,000 cases verify it, the rest Ed25519
    await fuzzAsync(RUNS, SEED, async (rng) => {
      if (rng.int(20) === 0) {
        const sig = mutateBytes(ecdsaSig, rng);
        const pub = rng.next() < 0.3 ? mutateBytes(userPub, rng) : userPub;
        if (sig.length === 64 && pub.length === 33)
          expect(typeof ecdsaVerifyBody(pub, body, sig)).toBe('boolean');
        return;
      }
      const sig = mutateBytes(edSig, rng);
      const pub = rng.next() < 0.3 ? mutateBytes(serverPub, rng) : serverPub;
      if (sig.length === 64 && pub.length === 32) {
        const ok = await ed25519VerifyBody(pub, body, sig);
        expect(ok).toBe(toHex(sig) === toHex(edSig) && toHex(pub) === toHex(serverPub));
      }
    });
  });
});
