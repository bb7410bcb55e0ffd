/**
 * Verifies an OpenID Connect id token for one login (PROTOCOL.md, node API):
 * - signature against the issuer's JWKS (jose's remote set: cached, refetched on an unknown
 *   `kid`, refetches rate-limited by a cooldown), algorithms allow-listed (RS256, ES256,
 *   EdDSA: no `none`, no HMAC, so a public key can never be used as a shared secret);
 * - `iss` equal to the verifier's issuer, `aud` one of its audiences, `exp`, `nbf` and `iat`
 *   with 60 s of clock skew;
 * - age: `iat` no older than `maxTokenAgeS` (default 15 min, never under 5 min: a
 *   registration holds its token through a passkey ceremony), so a captured token stops
 *   working soon even when its issuer sets a long `exp` (`token-expired`);
 * - `azp` (OpenID Connect Core 3.1.3.7, steps 4–5): required when `aud` lists several
 *   audiences, and when present it must be one of the verifier's audiences: a token issued
 *   to another client that merely lists ours in `aud` is refused;
 * - `nonce` = loginNonce(sessionPub, candidateM) (protocol/nonce.ts): the token is bound to
 *   the login's session key and candidate metadata key, so a node replaying it with its
 *   own keys is refused;
 * - the subject claim the verifier names, a non-empty string.
 * Token problems are `token-rejected` / `token-expired` (401); an unreachable issuer is a
 * 503 that says nothing about the token.
 */
import {
  createRemoteJWKSet,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import type { Verifier } from '../../config/network.ts';
import { isTrineError, TrineError } from '../../errors/index.ts';
import { loginNonce } from '../../protocol/nonce.ts';
import { discoverJwksUri } from './discoverJwksUri.ts';

export const ALLOWED_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];
export const CLOCK_SKEW_S = 60;
/** Default and floor of the maximum token age (seconds since `iat`). */
export const DEFAULT_MAX_TOKEN_AGE_S = 15 * 60;
export const MIN_MAX_TOKEN_AGE_S = 5 * 60;

export type VerifiedLogin = { verifier: string; subject: string };
/** The two keys the token's nonce must bind (see protocol/nonce.ts). */
export type LoginBinding = { sessionPub: Uint8Array; candidateM: Uint8Array };
export type IdTokenVerifier = (
  verifier: string,
  idToken: string,
  binding: LoginBinding,
) => Promise<VerifiedLogin>;

export type IdTokenVerifierOptions = {
  /** Seconds; `now` for tests of expiry. */
  now?: () => number;
  jwksTimeoutMs?: number;
  /** Minimum time between two JWKS fetches of one issuer (an unknown kid refetches). */
  jwksCooldownMs?: number;
  /** Seconds a token is accepted after its `iat` (plus the clock skew); ≥ 5 min, default 15 min. */
  maxTokenAgeS?: number;
};

type KeySet = ReturnType<typeof createRemoteJWKSet>;

export function createIdTokenVerifier(
  verifiers: readonly Verifier[],
  options: IdTokenVerifierOptions = {},
): IdTokenVerifier {
  const maxAge = options.maxTokenAgeS ?? DEFAULT_MAX_TOKEN_AGE_S;
  if (!(maxAge >= MIN_MAX_TOKEN_AGE_S))
    throw new TrineError({
      code: 'invalid-input',
      message: `the maximum token age must be at least ${MIN_MAX_TOKEN_AGE_S} s (a registration holds its token through a passkey ceremony)`,
    });
  const byName = new Map(verifiers.map((v) => [v.name, v]));
  const keySets = new Map<string, Promise<KeySet>>();
  const keySet = (verifier: Verifier): Promise<KeySet> => {
    let set = keySets.get(verifier.name);
    if (!set) {
      const uri = verifier.jwksUri
        ? Promise.resolve(new URL(verifier.jwksUri))
        : discoverJwksUri(verifier.issuer);
      set = uri.then((url) =>
        createRemoteJWKSet(url, {
          timeoutDuration: options.jwksTimeoutMs ?? 5_000,
          cooldownDuration: options.jwksCooldownMs ?? 30_000,
          cacheMaxAge: 10 * 60_000,
        }),
      );
      set.catch(() => keySets.delete(verifier.name)); // discovery failed: try again later
      keySets.set(verifier.name, set);
    }
    return set;
  };

  return async (name, idToken, binding) => {
    const verifier = byName.get(name);
    if (!verifier) throw rejected(`unknown verifier "${name}"`);
    // keys are looked up lazily: a malformed token is refused before any JWKS fetch
    const keys = async (header: JWSHeaderParameters, token: FlattenedJWSInput) =>
      (await keySet(verifier))(header, token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, keys, {
        issuer: verifier.issuer,
        audience: verifier.audiences,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_SKEW_S,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'nonce'],
        ...(options.now ? { currentDate: new Date(options.now() * 1000) } : {}),
      }));
    } catch (error) {
      throw fromJose(error);
    }
    const now = options.now?.() ?? Math.floor(Date.now() / 1000);
    if (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_SKEW_S)
      throw rejected('"iat" is in the future');
    if (payload.iat < now - maxAge - CLOCK_SKEW_S)
      throw new TrineError({
        code: 'token-expired',
        message: `id token is older than ${Math.round(maxAge / 60)} minutes: log in again`,
      });
    checkAuthorizedParty(payload, verifier.audiences);
    if (payload.nonce !== loginNonce(binding.sessionPub, binding.candidateM))
      throw rejected('"nonce" does not bind these login keys (the token belongs to another login)');
    const subject = payload[verifier.subjectClaim];
    if (typeof subject !== 'string' || subject.length === 0 || subject.length > 255)
      throw rejected(`"${verifier.subjectClaim}" claim missing`);
    return { verifier: verifier.name, subject };
  };
}

/** OIDC Core 3.1.3.7 (4, 5): several audiences need an `azp`, and an `azp` must be ours. */
function checkAuthorizedParty(payload: JWTPayload, audiences: readonly string[]): void {
  const azp = payload.azp;
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && azp === undefined)
    throw rejected('"azp" claim missing (the token names several audiences)');
  if (azp !== undefined && (typeof azp !== 'string' || !audiences.includes(azp)))
    throw rejected('"azp" is not a client of this verifier');
}

function rejected(why: string): TrineError {
  return new TrineError({ code: 'token-rejected', message: `id token rejected: ${why}` });
}

function fromJose(error: unknown): TrineError {
  if (isTrineError(error)) return error; // discovery failed
  if (error instanceof errors.JWTExpired)
    return new TrineError({ code: 'token-expired', message: 'id token expired: log in again' });
  if (error instanceof errors.JWTClaimValidationFailed)
    return rejected(`"${error.claim}" claim check failed`);
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))
    return new TrineError({
      code: 'network-unreachable',
      status: 503,
      message: 'cannot fetch the issuer keys',
      cause: error,
    });
  if (error instanceof errors.JWKSNoMatchingKey) return rejected('no issuer key with this "kid"');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return rejected('algorithm not allowed');
  if (error instanceof errors.JWSSignatureVerificationFailed) return rejected('signature does not verify');
  return rejected(`malformed (${error.code})`);
}
