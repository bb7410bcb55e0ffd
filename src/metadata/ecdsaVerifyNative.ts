/**
 * Server-side ECDSA secp256k1 verification through Node's OpenSSL, same contract as
 * `ecdsaVerifyBody` in crypto/signature.ts (which stays the browser's implementation):
 * true iff `signature` (64-byte r ‖ s, low-S) by `publicKey` (33-byte compressed) signs
 *   d = SHA-256("trine:sig:<kind>:v1" ‖ 0x00 ‖ canonical(body)).
 * OpenSSL hashes what it verifies, so it is given the preimage of d with SHA-256; the
 * unit test pins sha256(preimage) = signedDigest(body). ~0.6 ms instead of noble's ~3 ms
 * (bench/metadata.bench.ts measures both).
 *
 * OpenSSL accepts high-S signatures, noble does not: s > n/2 is refused here first so
 * both implementations accept exactly the same signatures.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { abytes, concatBytes, utf8 } from '../crypto/bytes.ts';
import { canonicalBytes } from '../crypto/canonical.ts';
import { N } from '../crypto/scalar.ts';
import type { SignedBody } from '../crypto/signature.ts';
import { signatureTag } from '../crypto/tags.ts';

/** DER SubjectPublicKeyInfo header of a compressed secp256k1 key (id-ecPublicKey, secp256k1). */
const SPKI_PREFIX = Buffer.from('3036301006072a8648ce3d020106052b8104000a032200', 'hex');
const HALF_N = N >> 1n;
const keys = new Map<string, KeyObject | null>();
const MAX_KEYS = 10_000;

/** What SHA-256 of the signed digest is taken over (see signedDigest). */
export function signedPreimage(body: SignedBody): Uint8Array {
  return concatBytes(utf8(signatureTag(body.kind)), new Uint8Array([0]), canonicalBytes(body));
}

function keyObject(publicKey: Uint8Array): KeyObject | null {
  const id = Buffer.from(publicKey).toString('hex');
  let key = keys.get(id);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    } catch {
      key = null; // not a point on the curve: it cannot have signed anything
    }
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

export function ecdsaVerifyBodyNative(
  publicKey: Uint8Array,
  body: SignedBody,
  signature: Uint8Array,
): boolean {
  abytes(publicKey, 33, 'publicKey');
  abytes(signature, 64, 'signature');
  if (typeof body?.kind !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(body.kind))
    throw new TypeError('body.kind: expected a lower-case kind name');
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
  const r = BigInt(`0x${Buffer.from(signature.subarray(0, 32)).toString('hex')}`);
  if (r === 0n || r >= N || s === 0n || s > HALF_N) return false;
  const key = keyObject(publicKey);
  if (!key) return false;
  try {
    return verify('sha256', signedPreimage(body), { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
