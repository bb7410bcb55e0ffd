/**
 * The node's per-login budgets, applied once the id token has verified (authenticate.ts):
 * - per id token (keyed by SHA-256 of the token, never the token itself): a fixed budget
 *   of `tokenUses` requests over the token's life, enough for one login's share, attest,
 *   install and relays. A captured token replayed at this node spends this budget only;
 * - per identity P: `freshLoginsPerSecond` (burst 10×), charged only by a token this node
 *   has not seen before, i.e. by a fresh login. Replaying one token, however often, costs
 *   P at most one unit, so it cannot lock the user's next login out.
 * Only verified tokens reach here, so both maps grow only with real logins; each is
 * bounded (rateLimit.ts evicts idle and least recently used buckets).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../crypto/bytes.ts';
import { TrineError } from '../errors/index.ts';
import { createRateLimiter } from '../server/rateLimit.ts';

/** Requests one id token may make at one node (PROTOCOL.md: a login needs ≤ 6). */
export const TOKEN_USES = 10;

export type LoginLimiter = {
  /** Charges one request of identity `P` made with `idToken`; throws `rate-limited` (429). */
  admit(P: string, idToken: string): void;
};

export type LoginLimiterOptions = {
  /** Fresh logins (distinct id tokens) per second per identity; burst 10×. */
  freshLoginsPerSecond: number;
  tokenUses?: number;
  /** Bound of each map (tokens, identities). */
  maxKeys?: number;
};

export function createLoginLimiter(options: LoginLimiterOptions): LoginLimiter {
  const maxKeys = options.maxKeys ?? 100_000;
  // perSecond 0: a token's budget never refills; it lives at most the maximum token age
  const tokens = createRateLimiter({ perSecond: 0, burst: options.tokenUses ?? TOKEN_USES, maxKeys });
  const identities = createRateLimiter({
    perSecond: options.freshLoginsPerSecond,
    burst: options.freshLoginsPerSecond * 10,
    maxKeys,
  });
  return {
    admit(P, idToken) {
      const token = toHex(sha256(utf8(idToken)));
      if (!tokens.has(token) && !identities.take(P))
        throw new TrineError({
          code: 'rate-limited',
          message: 'too many logins for this identity; wait a moment',
          details: { scope: 'identity' },
        });
      if (!tokens.take(token))
        throw new TrineError({
          code: 'rate-limited',
          message: 'this id token was used too often at this node: log in again',
          details: { scope: 'id-token' },
        });
    },
  };
}
