/**
 * Generate the known-answer vectors in test/vectors/ (run once: `tsx scripts/gen-vectors.ts`).
 *
 * Every input is fixed (derived from a label by SHA-256), so the output is the same on every
 * run: re-running it after a change shows, as a git diff, exactly which format moved. The
 * randomized scheme (ECIES) is computed here step by step from its specification with a
 * fixed ephemeral key and nonce, independently of src/crypto/ecies.ts and x25519.ts, and the
 * test checks that the real implementation OPENS it. Signatures are deterministic (RFC 6979
 * ECDSA, Ed25519); the Ed25519 ones are made with noble here and checked against WebCrypto.
 *
 * `--check` regenerates in memory and fails if any file would change (no writes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { argon2id } from '@noble/hashes/argon2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { concatBytes, fromHex, toHex, utf8 } from '../src/crypto/bytes.ts';
import { canonicalJson, taggedHash } from '../src/crypto/canonical.ts';
import { eciesOpen } from '../src/crypto/ecies.ts';
import { PASSWORD_KDF } from '../src/crypto/factors/password.ts';
import { factorKeyFromPrf, prfSalt } from '../src/crypto/factors/prf.ts';
import { commit } from '../src/crypto/feldman.ts';
import { hashToScalar } from '../src/crypto/hashToScalar.ts';
import { pseudonym } from '../src/crypto/pseudonym.ts';
import { N, scalarToBytes } from '../src/crypto/scalar.ts';
import { evaluate, lagrangeAtZero } from '../src/crypto/shamir.ts';
import { encodeSharePair } from '../src/crypto/sharePair.ts';
import { ecdsaSignBody, signedDigest } from '../src/crypto/signature.ts';
import { signatureTag, TAG } from '../src/crypto/tags.ts';
import { dealingHash, recordHash } from '../src/protocol/hashes.ts';
import {
  dealingSlot,
  factorSlot,
  nodeInboxSlot,
  nodeStorageSlot,
  privateSlot,
  shareSlot,
} from '../src/protocol/slots.ts';
import { dealing, record } from '../test/unit/protocol/fixtures.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'vectors');
/** Fixed bytes for a label. */
const fixed = (label: string, length = 32) => sha256(utf8(`trine:vector:${label}`)).slice(0, length);
/** A fixed scalar in [1, n−1] for a label. */
const fixedScalar = (label: string) => scalarToBytes(hashToScalar(fixed(label), 'trine:vector-scalar'));
const hex = toHex;

function eciesSecp256k1Case(label: string, plaintext: Uint8Array, slotOf: (pub: string) => Uint8Array) {
  const recipientSecret = fixedScalar(`${label}:recipient`);
  const recipientPub = secp256k1.getPublicKey(recipientSecret, true);
  const ephemeralSecret = fixedScalar(`${label}:ephemeral`);
  const ephemeralPub = secp256k1.getPublicKey(ephemeralSecret, true);
  const nonce = fixed(`${label}:nonce`, 24);
  const slot = slotOf(hex(recipientPub));
  // z = x(e·R); key = HKDF-SHA-256(z, salt = ∅, info = tag ‖ E ‖ R); AEAD with AD = slot
  const sharedX = secp256k1.getSharedSecret(ephemeralSecret, recipientPub, true).subarray(1);
  const key = hkdf(
    sha256,
    sharedX,
    undefined,
    concatBytes(utf8(TAG.eciesSecp256k1), ephemeralPub, recipientPub),
    32,
  );
  const sealed = concatBytes(
    new Uint8Array([0x01]),
    ephemeralPub,
    nonce,
    xchacha20poly1305(key, nonce, slot).encrypt(plaintext),
  );
  if (hex(eciesOpen(recipientSecret, sealed, slot)) !== hex(plaintext))
    throw new Error('ecies vector does not open');
  return {
    recipientSecret: hex(recipientSecret),
    recipientPub: hex(recipientPub),
    slot: hex(slot),
    plaintext: hex(plaintext),
    sealed: hex(sealed),
    header: { version: 1, ephemeralPub: hex(ephemeralPub), nonce: hex(nonce) },
    intermediate: { ephemeralSecret: hex(ephemeralSecret), sharedX: hex(sharedX), key: hex(key) },
  };
}

function eciesX25519Case(label: string, plaintext: Uint8Array, slotOf: (pub: string) => Uint8Array) {
  const recipientSecret = fixed(`${label}:recipient`);
  const recipientPub = x25519.getPublicKey(recipientSecret);
  const ephemeralSecret = fixed(`${label}:ephemeral`);
  const ephemeralPub = x25519.getPublicKey(ephemeralSecret);
  const nonce = fixed(`${label}:nonce`, 24);
  const slot = slotOf(hex(recipientPub));
  const shared = x25519.getSharedSecret(ephemeralSecret, recipientPub);
  const key = hkdf(
    sha256,
    shared,
    undefined,
    concatBytes(utf8(TAG.eciesX25519), ephemeralPub, recipientPub),
    32,
  );
  const sealed = concatBytes(
    new Uint8Array([0x02]),
    ephemeralPub,
    nonce,
    xchacha20poly1305(key, nonce, slot).encrypt(plaintext),
  );
  return {
    recipientSecret: hex(recipientSecret),
    recipientPub: hex(recipientPub),
    slot: hex(slot),
    plaintext: hex(plaintext),
    sealed: hex(sealed),
    header: { version: 2, ephemeralPub: hex(ephemeralPub), nonce: hex(nonce) },
    intermediate: { ephemeralSecret: hex(ephemeralSecret), shared: hex(shared), key: hex(key) },
  };
}

const P = hex(fixed('P'));
const sharePair = encodeSharePair({ f: hashToScalar(fixed('f'), 'v'), g: hashToScalar(fixed('g'), 'v') });

async function build(): Promise<Record<string, unknown>> {
  const files: Record<string, unknown> = {};

  files['ecies-secp256k1.json'] = {
    description: 'ECIES over secp256k1 (src/crypto/ecies.ts): sealed = 0x01 ‖ E ‖ nonce ‖ ct ‖ tag',
    cases: [
      {
        name: 'factor share',
        slotArgs: { P, epoch: 1, index: 2 },
        ...eciesSecp256k1Case('ecies-k1-1', sharePair, (pub) => factorSlot(P, 1, 2, pub)),
      },
      {
        name: 'empty plaintext, empty slot',
        ...eciesSecp256k1Case('ecies-k1-2', new Uint8Array(0), () => new Uint8Array(0)),
      },
    ],
  };

  files['ecies-x25519.json'] = {
    description: 'ECIES over X25519 (src/crypto/x25519.ts): sealed = 0x02 ‖ E ‖ nonce ‖ ct ‖ tag',
    cases: [
      {
        name: 'node sub-shares to a session key',
        slotArgs: { P, epoch: 1, node: 3 },
        ...eciesX25519Case('ecies-x-1', sharePair, (pub) => shareSlot(P, 1, 3, pub)),
      },
      {
        name: 'dealing share to a node key',
        slotArgs: { P, epoch: 2, node: 5 },
        ...eciesX25519Case('ecies-x-2', sharePair, (pub) => dealingSlot(P, 2, 5, pub)),
      },
    ],
  };

  const password = 'violet-Harbor-93-quietly';
  const passwordSalt = fixed('password-salt', 16);
  const stretched = argon2id(password.normalize('NFKC'), passwordSalt, { ...PASSWORD_KDF, dkLen: 32 });
  files['factor-keys.json'] = {
    description:
      'Factor keys (src/crypto/factors/*): PRF, recovery phrase, password (argon2id at the real parameters)',
    prfSalt: hex(prfSalt()),
    prf: ['prf-1', 'prf-2'].map((label) => {
      const prfOutput = fixed(label);
      return { prfOutput: hex(prfOutput), factorKey: hex(factorKeyFromPrf(prfOutput)) };
    }),
    phrase: [fixed('phrase-1'), scalarToBytes(1n), scalarToBytes(N - 1n)].map((key) => ({
      phrase: entropyToMnemonic(key, wordlist),
      factorKey: hex(key),
    })),
    password: [
      {
        password,
        salt: hex(passwordSalt),
        params: { ...PASSWORD_KDF },
        argon2id: hex(stretched),
        factorKey: hex(scalarToBytes(hashToScalar(stretched, TAG.passwordFactor, 'factor-key'))),
      },
    ],
    hashToScalar: [
      { ikm: '', purpose: 'trine:hash-to-scalar:v1', info: '' },
      { ikm: hex(fixed('h2s')), purpose: TAG.prfFactor, info: 'factor-key' },
    ].map((c) => ({
      ...c,
      scalar: hashToScalar(fromHex(c.ikm), c.purpose, c.info).toString(16).padStart(64, '0'),
    })),
  };

  const canonicalCases: unknown[] = [
    { b: 1, a: [true, null, 'x', { d: -5, c: '' }] },
    { '\uffff': 1, '\u{1f600}': 2, '10': 3, '9': 4, '': 0 },
    'é\n"\u0000\u2028',
    [],
    {},
    -9007199254740991,
    { nested: { deeper: { list: [1, [2, [3]]] } } },
  ];
  files['canonical.json'] = {
    description:
      'Canonical JSON and tagged hashes (src/crypto/canonical.ts) and the domain tags (src/crypto/tags.ts)',
    tags: { ...TAG, signatureTagOfReceipt: signatureTag('receipt') },
    cases: canonicalCases.map((value) => ({
      value,
      json: canonicalJson(value),
      taggedHash: { tag: 'trine:vector:v1', hash: hex(taggedHash('trine:vector:v1', value)) },
    })),
  };

  files['accounts.json'] = accountsVectors();

  files['pseudonym.json'] = {
    description: 'P = HMAC-SHA-256(networkSalt, "trine:pseudonym:v1" ‖ 0 ‖ canonical({verifier, subject}))',
    cases: [
      ['dev', 'alice'],
      ['google', '109876543210987654321'],
      ['dev', 'ünïcödé@example.org'],
    ].map(([verifier, subject]) => ({
      networkSalt: hex(fixed('network-salt')),
      verifier,
      subject,
      P: hex(pseudonym(fixed('network-salt'), verifier!, subject!)),
    })),
  };

  const bodies = [
    { kind: 'record-write', P, expectedVersion: 0, recordHash: recordHash(record) },
    {
      kind: 'receipt',
      P,
      epoch: 1,
      dealingHash: dealingHash(dealing),
      version: 1,
      issuedAt: 1_700_000_000_000,
    },
    { kind: 'record-read', P, issuedAt: 1_700_000_000_000 },
  ];
  const ecdsaKey = fixedScalar('ecdsa');
  const edSeed = fixed('ed25519');
  files['signatures.json'] = {
    description:
      'Signatures over SHA-256("trine:sig:<kind>:v1" ‖ 0 ‖ canonical(body)) (src/crypto/signature.ts)',
    ecdsa: {
      secretKey: hex(ecdsaKey),
      publicKey: hex(secp256k1.getPublicKey(ecdsaKey, true)),
      cases: bodies.map((body) => ({
        body,
        digest: hex(signedDigest(body)),
        signature: hex(ecdsaSignBody(ecdsaKey, body)),
      })),
    },
    ed25519: {
      seed: hex(edSeed),
      publicKey: hex(ed25519.getPublicKey(edSeed)),
      cases: bodies.map((body) => ({
        body,
        digest: hex(signedDigest(body)),
        signature: hex(ed25519.sign(signedDigest(body), edSeed)),
      })),
    },
  };

  const key = hex(fixed('slot-key'));
  // login nonce from its specification (not by nonce.ts): base64url(SHA-256(tag ‖ 0 ‖ sessionPub ‖ candidateM))
  const candidateM = secp256k1.getPublicKey(fixedScalar('candidate-m'), true);
  const loginNonce = Buffer.from(
    sha256(concatBytes(utf8(TAG.loginNonce), new Uint8Array([0]), fixed('slot-key'), candidateM)),
  ).toString('base64url');
  files['records.json'] = {
    description:
      'Hashes of a fixed dealing and record (src/protocol/hashes.ts), slots (slots.ts), login nonce (nonce.ts)',
    dealing,
    dealingHash: dealingHash(dealing),
    record,
    recordHash: recordHash(record),
    slots: {
      key,
      share: hex(shareSlot(P, 1, 3, key)),
      dealing: hex(dealingSlot(P, 1, 3, key)),
      factor: hex(factorSlot(P, 1, 2, key)),
      private: hex(privateSlot(P)),
      nodeStorage: hex(nodeStorageSlot(P)),
      nodeInbox: hex(nodeInboxSlot(P, key)),
      P,
    },
    loginNonce: { sessionPub: key, candidateM: hex(candidateM), nonce: loginNonce },
  };

  const poly = [
    hashToScalar(fixed('a0'), 'v'),
    hashToScalar(fixed('a1'), 'v'),
    hashToScalar(fixed('a2'), 'v'),
  ];
  const big = (x: bigint) => x.toString(16).padStart(64, '0');
  files['shares.json'] = {
    description:
      'Shamir evaluation, Lagrange coefficients at 0, Feldman commitments, share-pair encoding (src/crypto/shamir.ts, feldman.ts, sharePair.ts)',
    polynomial: poly.map(big),
    shares: [1, 2, 3, 4, 5, 18].map((x) => ({ index: x, value: big(evaluate(poly, x)) })),
    lagrange: [
      [1, 3, 5],
      [2, 18],
      [1, 2, 3, 4, 5],
    ].map((indices) => ({ indices, coefficients: lagrangeAtZero(indices).map(big) })),
    commitments: commit(poly).map(hex),
    sharePair: {
      f: big(hashToScalar(fixed('f'), 'v')),
      g: big(hashToScalar(fixed('g'), 'v')),
      encoded: hex(sharePair),
    },
  };
  return files;
}

/**
 * Accounts (src/wallet/accounts.ts), computed here from the specification with noble
 * primitives only: k_i = (OKM mod (n−1)) + 1, OKM = HKDF-SHA-256(ikm = HMAC-SHA-256(k, tag ‖
 * u32be(i)), salt = tag, info = ∅, 48 bytes); address = last 20 bytes of keccak256(k_i·G).
 */
function accountsVectors() {
  const tag = 'trine:account:v1';
  const k = fixedScalar('accounts:k');
  const derive = (i: number): Uint8Array => {
    if (i === 0) return k;
    const index = new Uint8Array([i >>> 24, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff]);
    const mac = hmac(sha256, k, concatBytes(utf8(tag), index));
    const okm = hkdf(sha256, mac, utf8(tag), new Uint8Array(0), 48);
    const x = BigInt(`0x${hex(okm)}`);
    return fromHex(((x % (N - 1n)) + 1n).toString(16).padStart(64, '0'), 32);
  };
  const address = (key: Uint8Array) =>
    `0x${hex(keccak_256(secp256k1.getPublicKey(key, false).subarray(1)).subarray(12))}`;
  return {
    description:
      'Accounts from one key (src/wallet/accounts.ts): k_0 = k; k_i = hashToScalar(HMAC-SHA-256(k, "trine:account:v1" ‖ u32be(i)), "trine:account:v1"); addresses lower case',
    tag,
    k: hex(k),
    accounts: [0, 1, 2, 7, 0x7fffffff].map((index) => {
      const key = derive(index);
      return { index, key: hex(key), address: address(key) };
    }),
  };
}

const files = await build();
const check = process.argv.includes('--check');
let changed = 0;
for (const [name, content] of Object.entries(files)) {
  const text = `${JSON.stringify(content, null, 2)}\n`;
  const path = join(out, name);
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch {}
  if (before === text) continue;
  changed++;
  if (check) console.error(`${name}: would change`);
  else writeFileSync(path, text);
}
console.info(check ? `${changed} vector file(s) differ` : `wrote ${changed} vector file(s) to ${out}`);
if (check && changed > 0) process.exitCode = 1;
