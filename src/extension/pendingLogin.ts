/**
 * A login between the OpenID redirect and the factor (or the new wallet's first factors):
 * the node login material, and the network share or the nodes' "unknown" attestations.
 * Memory only, never stored, and gone after five minutes (attestations are only accepted
 * that long, and a network share should not linger).
 */
import type { Attestation } from '../protocol/formats.ts';
import type { NetworkShare, RecordState } from '../wallet/backend.ts';
import type { ProviderLogin } from './oidc/signInWithProvider.ts';

export const PENDING_TTL_MS = 5 * 60_000;

export type PendingLogin =
  | {
      kind: 'needs-factor';
      auth: ProviderLogin;
      share: NetworkShare;
      state: RecordState;
      expiresAt: number;
    }
  | {
      kind: 'needs-registration';
      auth: ProviderLogin;
      P: string;
      attestations: Attestation[];
      expiresAt: number;
    };

/** Holds at most one pending login and forgets it once expired. */
export class PendingSlot {
  #pending: PendingLogin | null = null;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(): PendingLogin | null {
    if (this.#pending !== null && this.#now() >= this.#pending.expiresAt) this.#pending = null;
    return this.#pending;
  }

  put(pending: PendingLogin): void {
    this.#pending = pending;
  }

  clear(): void {
    this.#pending = null;
  }

  expiry(): number {
    return this.#now() + PENDING_TTL_MS;
  }
}
