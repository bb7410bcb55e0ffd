/**
 * ECIES over X25519 through the platform's WebCrypto (native in browsers and Node):
 * used where the design seals to a key that is not a user key, on the hot path of login
 * (node answers to the session key) and for dealings (to node keys). Same construction as
 * `ecies.ts` with its own tag and version byte:
 *   sealed = 0x02 ‖ E(32) ‖ nonce(24) ‖ ct ‖ tag(16)
 * Why not secp256k1 here: docs/CRYPTO.md (a constant-time secp256k1 ECDH in JS costs
 * ~4 ms on our target machines; native X25519 ~0.1 ms, and login needs t of them).
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { TrineError } from '../errors/index.ts';
import { abytes, concatBytes, randomBytes, toBase64Url, utf8, wipe } from './bytes.ts';
import { TAG } from './tags.ts';

export const ECIES_X25519_VERSION = 0x02;
const HEADER = 1 + 32 + 24;
const subtle = () => globalThis.crypto.subtle;

/** A key pair whose private half never leaves WebCrypto unless `extractable`. */
export type X25519KeyPair = { privateKey: CryptoKey; publicKey: Uint8Array };

export async function generateX25519(extractable = false): Promise<X25519KeyPair> {
  const pair = (await subtle().generateKey({ name: 'X25519' }, extractable, ['deriveBits'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

/** Import a raw 32-byte X25519 private key (with its public key) for deriveBits. */
export async function importX25519Private(secret: Uint8Array, publicKey: Uint8Array): Promise<CryptoKey> {
  abytes(secret, 32, 'secret');
  abytes(publicKey, 32, 'publicKey');
  const jwk = { kty: 'OKP', crv: 'X25519', d: toBase64Url(secret), x: toBase64Url(publicKey) };
  return subtle().importKey('jwk', jwk, { name: 'X25519' }, false, ['deriveBits']);
}

async function importPublic(publicKey: Uint8Array, title: string): Promise<CryptoKey> {
  abytes(publicKey, 32, title);
  try {
    return await subtle().importKey('raw', publicKey as BufferSource, { name: 'X25519' }, true, []);
  } catch {
    throw new TrineError({ code: 'invalid-input', message: `${title}: not an X25519 public key` });
  }
}

async function ecdh(privateKey: CryptoKey, peer: CryptoKey): Promise<Uint8Array> {
  try {
    return new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
  } catch {
    // an all-zero shared secret (small-order peer key) is refused by WebCrypto
    throw new TrineError({ code: 'decrypt-failed', message: 'key agreement failed' });
  }
}

function deriveKey(shared: Uint8Array, ephemeralPub: Uint8Array, recipientPub: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, undefined, concatBytes(utf8(TAG.eciesX25519), ephemeralPub, recipientPub), 32);
}

/** Seal `plaintext` to an X25519 public key for one slot. */
export async function x25519Seal(
  recipientPub: Uint8Array,
  plaintext: Uint8Array,
  slot: Uint8Array,
): Promise<Uint8Array> {
  abytes(plaintext, undefined, 'plaintext');
  abytes(slot, undefined, 'slot');
  const recipient = await importPublic(recipientPub, 'recipientPub');
  const ephemeral = await generateX25519();
  const shared = await ecdh(ephemeral.privateKey, recipient);
  const key = deriveKey(shared, ephemeral.publicKey, recipientPub);
  const nonce = randomBytes(24);
  const ct = xchacha20poly1305(key, nonce, slot).encrypt(plaintext);
  wipe(shared, key);
  return concatBytes(new Uint8Array([ECIES_X25519_VERSION]), ephemeral.publicKey, nonce, ct);
}

/** Open with the recipient's private key; errors as in `eciesOpen`. */
export async function x25519Open(
  recipient: X25519KeyPair,
  sealed: Uint8Array,
  slot: Uint8Array,
): Promise<Uint8Array> {
  abytes(recipient?.publicKey, 32, 'recipient.publicKey');
  abytes(sealed, undefined, 'sealed');
  abytes(slot, undefined, 'slot');
  if (sealed.length < HEADER + 16)
    throw new TrineError({ code: 'invalid-input', message: 'sealed: too short' });
  if (sealed[0] !== ECIES_X25519_VERSION)
    throw new TrineError({ code: 'invalid-input', message: `sealed: unknown format version ${sealed[0]}` });
  const ephemeralPub = sealed.subarray(1, 33);
  const shared = await ecdh(recipient.privateKey, await importPublic(ephemeralPub.slice(), 'ephemeralPub'));
  const key = deriveKey(shared, ephemeralPub, recipient.publicKey);
  try {
    return xchacha20poly1305(key, sealed.subarray(33, HEADER), slot).decrypt(sealed.subarray(HEADER));
  } catch {
    throw new TrineError({
      code: 'decrypt-failed',
      message: 'sealed data does not open with this key in this slot',
    });
  } finally {
    wipe(shared, key);
  }
}
