/**
 * The passkey factor's WebAuthn options and how to read its answer. The ceremony itself
 * runs in pages/passkey.html (a full tab: a popup closes when the authenticator takes
 * focus) with @simplewebauthn/browser; this module decides what is asked:
 *  - a discoverable credential (the user finds it again on a new device, synced);
 *  - `rp.id` unset: the browser uses the extension's own origin;
 *  - the PRF extension evaluated at the fixed salt `prfSalt()` at create AND get, so the
 *    same credential always gives the same 32 bytes, which the background turns into the
 *    factor key (factorKeyFromPrf);
 *  - userVerification preferred; the challenge is random and unchecked (no server verifies
 *    these assertions: the secret is the PRF output, which only the authenticator produces).
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { randomBytes, toBase64Url, toHex } from '../crypto/bytes.ts';
import { prfSalt } from '../crypto/factors/prf.ts';

const TIMEOUT_MS = 120_000;
/** The PRF input, as WebAuthn wants it (a BufferSource; simplewebauthn passes extensions through). */
const prfInputs = () => ({ prf: { eval: { first: prfSalt() } } }) as AuthenticationExtensionsClientInputs;

/** Options for `startRegistration({ optionsJSON })`. */
export function passkeyCreationOptions(user: {
  name: string;
  displayName?: string;
  /** base64url ids of credentials the wallet already has (not created twice on one authenticator). */
  exclude?: string[];
}): PublicKeyCredentialCreationOptionsJSON {
  return {
    challenge: toBase64Url(randomBytes(32)),
    rp: { name: 'Trine wallet' },
    user: { id: toBase64Url(randomBytes(16)), name: user.name, displayName: user.displayName ?? user.name },
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 }, // ES256
      { type: 'public-key', alg: -8 }, // EdDSA
      { type: 'public-key', alg: -257 }, // RS256
    ],
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'preferred',
    },
    excludeCredentials: (user.exclude ?? []).map((id) => ({ id, type: 'public-key' })),
    attestation: 'none',
    timeout: TIMEOUT_MS,
    extensions: prfInputs(),
  };
}

/** Options for `startAuthentication({ optionsJSON })`; no ids = any discoverable passkey of ours. */
export function passkeyRequestOptions(credentialIds: string[] = []): PublicKeyCredentialRequestOptionsJSON {
  return {
    challenge: toBase64Url(randomBytes(32)),
    allowCredentials: credentialIds.map((id) => ({ id, type: 'public-key' })),
    userVerification: 'preferred',
    timeout: TIMEOUT_MS,
    extensions: prfInputs(),
  };
}

/** What the ceremony's `clientExtensionResults.prf` says, for the page to act on. */
export type PrfSupport =
  /** 32 bytes of PRF output (hex), ready for wallet-register / wallet-unlock / wallet-add-factor. */
  | { kind: 'output'; prfOutput: string }
  /** Created with PRF enabled but no output yet: run a get ceremony for it. */
  | { kind: 'needs-assertion' }
  /** No PRF: offer a device key or a password instead, and say why. */
  | { kind: 'unsupported'; reason: 'browser' | 'authenticator' | 'no-output'; message: string };

type PrfResult = { enabled?: boolean; results?: { first?: BufferSource } };

export function prfSupport(clientExtensionResults: unknown, ceremony: 'create' | 'get'): PrfSupport {
  const prf = (clientExtensionResults as { prf?: PrfResult } | null | undefined)?.prf;
  const first = prf?.results?.first;
  if (first !== undefined) {
    const bytes = ArrayBuffer.isView(first)
      ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength)
      : new Uint8Array(first);
    if (bytes.length >= 32) return { kind: 'output', prfOutput: toHex(bytes.slice(0, 32)) };
  }
  if (prf === undefined)
    return {
      kind: 'unsupported',
      reason: 'browser',
      message: 'this browser does not offer the passkey PRF extension, which turns a passkey into a key',
    };
  if (ceremony === 'create' && prf.enabled === true) return { kind: 'needs-assertion' };
  if (ceremony === 'create')
    return {
      kind: 'unsupported',
      reason: 'authenticator',
      message: 'this authenticator cannot derive keys from a passkey (no PRF / hmac-secret)',
    };
  return {
    kind: 'unsupported',
    reason: 'no-output',
    message: 'this passkey gave no PRF output, so it cannot unlock the wallet',
  };
}
