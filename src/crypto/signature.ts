/**
 * Signatures over canonical objects. Every signed object has a `kind`; the signed digest is
 *   d = SHA-256("trine:sig:<kind>:v1" ‖ 0x00 ‖ canonical(body))
 * so a signature over one kind of object is never accepted as another.
 *
 * Two schemes:
 * - Ed25519 (WebCrypto) for server keys: nodes and the metadata server sign answers,
 *   attestations and receipts (fast native verification on the client's login path).
 * - ECDSA secp256k1 (noble, low-S, 64-byte compact) for user keys: m signs metadata writes
 *   and dealing authorisations, the network share g(1) signs metadata reads.
 * A check that simply fails returns false; malformed input throws.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { abytes, toBase64Url } from './bytes.ts';
import { taggedHash } from './canonical.ts';
import { signatureTag } from './tags.ts';

export type SignedBody = { readonly kind: string } & Record<string, unknown>;

/** The digest a signature over `body` signs. */
export function signedDigest(body: SignedBody): Uint8Array {
  if (typeof body?.kind !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(body.kind))
    throw new TypeError('body.kind: expected a lower-case kind name');
  return taggedHash(signatureTag(body.kind), body);
}

// --- Ed25519 (server keys) ---

const subtle = () => globalThis.crypto.subtle;
const verifyKeys = new Map<string, Promise<CryptoKey>>();

/** Import an Ed25519 private seed (with its public key) for signing. */
export async function importEd25519Signer(seed: Uint8Array, publicKey: Uint8Array): Promise<CryptoKey> {
  abytes(seed, 32, 'seed');
  abytes(publicKey, 32, 'publicKey');
  const jwk = { kty: 'OKP', crv: 'Ed25519', d: toBase64Url(seed), x: toBase64Url(publicKey) };
  return subtle().importKey('jwk', jwk, { name: 'Ed25519' }, false, ['sign']);
}

function verifyKey(publicKey: Uint8Array): Promise<CryptoKey> {
  const id = toBase64Url(publicKey);
  let key = verifyKeys.get(id);
  if (!key) {
    key = subtle().importKey('raw', publicKey.slice() as BufferSource, { name: 'Ed25519' }, false, [
      'verify',
    ]);
    key.catch(() => verifyKeys.delete(id));
    if (verifyKeys.size > 1024) verifyKeys.clear();
    verifyKeys.set(id, key);
  }
  return key;
}

export async function ed25519SignBody(signer: CryptoKey, body: SignedBody): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign({ name: 'Ed25519' }, signer, signedDigest(body) as BufferSource));
}

export async function ed25519VerifyBody(
  publicKey: Uint8Array,
  body: SignedBody,
  signature: Uint8Array,
): Promise<boolean> {
  abytes(publicKey, 32, 'publicKey');
  abytes(signature, 64, 'signature');
  const digest = signedDigest(body);
  try {
    return await subtle().verify(
      { name: 'Ed25519' },
      await verifyKey(publicKey),
      signature as BufferSource,
      digest as BufferSource,
    );
  } catch {
    return false; // a public key WebCrypto refuses cannot have signed anything
  }
}

// --- ECDSA secp256k1 (user keys) ---

export function ecdsaSignBody(secretKey: Uint8Array, body: SignedBody): Uint8Array {
  abytes(secretKey, 32, 'secretKey');
  return secp256k1.sign(signedDigest(body), secretKey, { prehash: false });
}

export function ecdsaVerifyBody(publicKey: Uint8Array, body: SignedBody, signature: Uint8Array): boolean {
  abytes(publicKey, 33, 'publicKey');
  abytes(signature, 64, 'signature');
  try {
    return secp256k1.verify(signature, signedDigest(body), publicKey, { prehash: false });
  } catch {
    return false;
  }
}
