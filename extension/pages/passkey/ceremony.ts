/**
 * The passkey ceremonies, run in a full extension tab (a popup would close when the
 * authenticator takes focus). A discoverable credential with the PRF extension; `rp.id` is
 * left unset, so the browser uses the extension's own origin. The PRF is always evaluated
 * at the fixed salt `prfSalt()`; its 32-byte output is what the background turns into the
 * factor key. The challenge is random and unchecked: no server verifies these assertions,
 * the secret is the PRF output, which only the authenticator can produce.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { passkeyPrfSalt as prfSalt } from '../../../src/messages/passkeySalt.ts';

/** The authenticator or browser cannot give a PRF output; `reason` says which, for the user. */
export class PrfUnsupportedError extends Error {
  override readonly name = 'PrfUnsupportedError';
}

export type CreatedPasskey = { credentialId: string; prfOutput: string };

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomBase64url = (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length)));

/** Whether this browser has WebAuthn at all (PRF support is only known after a ceremony). */
export function webAuthnAvailable(): boolean {
  return typeof PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';
}

/** Create a discoverable passkey for the wallet and read its PRF output. */
export async function createPasskey(user: { name: string }): Promise<CreatedPasskey> {
  if (!webAuthnAvailable())
    throw new PrfUnsupportedError('this browser does not support passkeys (WebAuthn)');
  const created = await startRegistration({
    optionsJSON: {
      challenge: randomBase64url(32),
      rp: { name: 'Trine wallet' },
      user: { id: randomBase64url(16), name: user.name, displayName: user.name },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: 'required',
      },
      attestation: 'none',
      timeout: 120_000,
      extensions: { prf: { eval: { first: prfSalt() } } } as AuthenticationExtensionsClientInputs,
    },
  });
  const prf = (created.clientExtensionResults as PrfResults).prf;
  const first = resultBytes(prf?.results?.first);
  if (first !== null) return { credentialId: created.id, prfOutput: toHex(first) };
  if (prf?.enabled !== true)
    throw new PrfUnsupportedError(
      prf === undefined
        ? 'this browser does not offer the passkey PRF extension, which turns a passkey into a key'
        : 'this authenticator cannot derive keys from a passkey (no PRF / hmac-secret support)',
    );
  // Some authenticators only report PRF at creation: evaluate it with an assertion.
  return { credentialId: created.id, prfOutput: await passkeyPrf([created.id]) };
}

/** Use a passkey (any of this wallet's, or one of `credentialIds`) and return its PRF output (hex). */
export async function passkeyPrf(credentialIds: string[] = []): Promise<string> {
  if (!webAuthnAvailable())
    throw new PrfUnsupportedError('this browser does not support passkeys (WebAuthn)');
  const asserted = await startAuthentication({
    optionsJSON: {
      challenge: randomBase64url(32),
      allowCredentials: credentialIds.map((id) => ({ id, type: 'public-key' })),
      userVerification: 'required',
      timeout: 120_000,
      extensions: { prf: { eval: { first: prfSalt() } } } as AuthenticationExtensionsClientInputs,
    },
  });
  const first = resultBytes((asserted.clientExtensionResults as PrfResults).prf?.results?.first);
  if (first === null)
    throw new PrfUnsupportedError('this passkey did not return a PRF output, so it cannot unlock the wallet');
  return toHex(first);
}

type PrfResults = { prf?: { enabled?: boolean; results?: { first?: BufferSource } } };

function resultBytes(value: BufferSource | undefined): Uint8Array | null {
  if (value === undefined) return null;
  const bytes =
    value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return bytes.length >= 32 ? bytes.slice(0, 32) : null;
}
