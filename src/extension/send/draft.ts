/**
 * A send the user is reviewing: built, checked, not signed. Kept in the worker's memory
 * under a random id for a few minutes and used once: Confirm signs exactly what was shown.
 * A worker restart forgets it (the popup then prepares again).
 */
import { bytesToHex } from 'viem';
import { invalidInput } from '../../errors/index.ts';
import type { Chain } from '../dapp/services.ts';
import type { PreparedTransaction } from '../dapp/tx/build.ts';

export type SendDraft = {
  chain: Chain;
  tx: PreparedTransaction;
  /** One line each for the review ("Send 1 ETH to 0x…") and the activity list ("Sent 1 ETH to 0x…"). */
  summary: { review: string; activity: string };
  /** A speed-up or cancel: the pending entry it replaces. */
  replaces: { activityId: string; mode: 'speed-up' | 'cancel' } | null;
};

/** How long a review stays signable. */
export const DRAFT_TTL_MS = 5 * 60_000;

export class SendDrafts {
  readonly #drafts = new Map<string, { draft: SendDraft; expires: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  put(draft: SendDraft): string {
    this.#sweep();
    const id = bytesToHex(crypto.getRandomValues(new Uint8Array(16))).slice(2);
    this.#drafts.set(id, { draft, expires: this.#now() + DRAFT_TTL_MS });
    return id;
  }

  /** The draft, removed (one use); an unknown or expired id is refused. */
  take(id: string): SendDraft {
    this.#sweep();
    const kept = this.#drafts.get(id);
    this.#drafts.delete(id);
    if (kept === undefined)
      throw invalidInput('id', 'this review has expired or was already used: prepare the send again');
    return kept.draft;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, { expires }] of this.#drafts) if (expires <= now) this.#drafts.delete(id);
  }
}

/** The worker's drafts (prepare and confirm are two procedures). */
export const sendDrafts = new SendDrafts();
