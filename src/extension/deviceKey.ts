/**
 * The device factor key of one wallet on this browser (for browsers without passkey PRF):
 * a random factor key, kept in IndexedDB only wrapped with AES-256-GCM under a WebCrypto
 * key created non-extractable. The wrapping key is stored as a CryptoKey object (IndexedDB
 * clones it without exposing its bytes), so neither the raw factor key nor the means to
 * unwrap it outside this extension's origin is ever in storage.
 */
import { randomBytes, toHex, utf8 } from '../crypto/bytes.ts';
import { factorPublicKey } from '../crypto/factors/keys.ts';
import { TrineError } from '../errors/index.ts';
import type { WalletDb } from './db.ts';

/** Associated data: a wrapped key copied to another wallet's entry does not open. */
const WRAP_TAG = 'trine:device-key-wrap:v1';
const ad = (P: string) => utf8(`${WRAP_TAG}:${P}`);

/** Keep `factorKey` as the device key of wallet `P` (replacing an older one). */
export async function storeDeviceKey(db: WalletDb, P: string, factorKey: Uint8Array): Promise<void> {
  const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const iv = randomBytes(12);
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData: ad(P) as BufferSource },
      wrappingKey,
      factorKey as BufferSource,
    ),
  );
  await db.put('deviceKeys', {
    P,
    pub: toHex(factorPublicKey(factorKey)),
    wrappingKey,
    iv,
    wrapped,
    createdAt: Date.now(),
  });
}

/** The device key of wallet `P`, or null if this browser has none. Zero it after use. */
export async function loadDeviceKey(db: WalletDb, P: string): Promise<Uint8Array | null> {
  const entry = await db.get('deviceKeys', P);
  if (entry === undefined) return null;
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: entry.iv as BufferSource, additionalData: ad(P) as BufferSource },
        entry.wrappingKey,
        entry.wrapped as BufferSource,
      ),
    );
  } catch (cause) {
    throw new TrineError({
      code: 'decrypt-failed',
      message: 'the device key of this browser is damaged',
      cause,
    });
  }
}

/** Public key of wallet `P`'s device key here, or null. */
export async function deviceKeyPub(db: WalletDb, P: string): Promise<string | null> {
  return (await db.get('deviceKeys', P))?.pub ?? null;
}

export async function deleteDeviceKey(db: WalletDb, P: string): Promise<void> {
  await db.delete('deviceKeys', P);
}
