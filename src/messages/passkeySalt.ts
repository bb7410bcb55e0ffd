/**
 * The PRF salt the passkey page sends (`extensions.prf.eval.first`) at create and get: a
 * public constant, SHA-256("trine:prf-salt:v1"), written out here so the page needs no
 * crypto code (pages may not import src/crypto). test/unit/lint/passkeySalt.test.ts checks
 * it against src/crypto/factors/prf.ts `prfSalt()`, which the background derives with.
 */
const PRF_SALT_HEX = '0dd40991296dfab1e3fe0d1b16695c11d1eafa74aafb444e4f0d4bcfd9946026';

/** A fresh copy of the 32 salt bytes. */
export function passkeyPrfSalt(): Uint8Array {
  return Uint8Array.from(PRF_SALT_HEX.match(/../g)!, (byte) => Number.parseInt(byte, 16));
}
