/**
 * Requests waiting for the user, in arrival order. A method handler awaits `ask()`; the
 * approval window lists them and decides each one. Rejection, and every request still
 * waiting when the window closes, settles with EIP-1193 4001. Bounded, so a page cannot
 * pile up work: a site may have a few requests waiting, and the queue as a whole a few dozen.
 */

import type { ApprovalRequest, ApprovalView } from '../../messages/dapp.ts';
import { ProviderErrorCode } from '../../messages/providerErrors.ts';
import { ProviderError, userRejected } from './errors.ts';

export const MAX_WAITING_PER_ORIGIN = 5;
export const MAX_WAITING = 50;

type Waiting = ApprovalRequest & { settle: (approved: boolean) => void };

export type ApprovalQueueOptions = {
  /** Called whenever the list changes (new request, decision): open or refresh the window. */
  onChange?: (requests: readonly ApprovalRequest[]) => void;
  now?: () => number;
  newId?: () => string;
};

export class ApprovalQueue {
  readonly #waiting: Waiting[] = [];
  readonly #onChange: (requests: readonly ApprovalRequest[]) => void;
  readonly #now: () => number;
  readonly #newId: () => string;

  constructor(options: ApprovalQueueOptions = {}) {
    this.#onChange = options.onChange ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomId;
  }

  get size(): number {
    return this.#waiting.length;
  }

  /**
   * Wait for the user's decision on `view` from `origin`: resolves when approved, rejects
   * with 4001 when rejected or dismissed, -32002 when too many are waiting. `named`, when
   * given, is the same request described better (token symbols read a round trip later):
   * it replaces the view if the request is still waiting, and is ignored after a decision.
   * It must describe the same action; only the words may differ.
   */
  ask(origin: string, view: ApprovalView, named?: Promise<ApprovalView>): Promise<void> {
    const fromOrigin = this.#waiting.filter((w) => w.origin === origin).length;
    if (fromOrigin >= MAX_WAITING_PER_ORIGIN || this.#waiting.length >= MAX_WAITING) {
      return Promise.reject(
        new ProviderError(
          ProviderErrorCode.resourceUnavailable,
          'Too many requests are waiting for the user; wait for them to be answered.',
        ),
      );
    }
    const id = this.#newId();
    const decided = new Promise<void>((resolve, reject) => {
      this.#waiting.push({
        id,
        origin,
        createdAt: this.#now(),
        view,
        settle: (approved) => (approved ? resolve() : reject(userRejected())),
      });
      this.#changed();
    });
    named?.then(
      (better) => {
        const waiting = this.#waiting.find((w) => w.id === id);
        if (waiting === undefined) return;
        waiting.view = better;
        this.#changed();
      },
      () => {}, // the first view stands
    );
    return decided;
  }

  /** What the approval window shows, oldest first. */
  list(): ApprovalRequest[] {
    return this.#waiting.map(({ settle: _, ...request }) => request);
  }

  /** Settle one request; false when `id` is not waiting (already decided, or unknown). */
  decide(id: string, approve: boolean): boolean {
    const index = this.#waiting.findIndex((w) => w.id === id);
    if (index < 0) return false;
    const [waiting] = this.#waiting.splice(index, 1);
    waiting?.settle(approve);
    this.#changed();
    return true;
  }

  /** Reject everything waiting (the window was closed), optionally only one origin's requests. */
  rejectAll(origin?: string): void {
    const rejected = this.#waiting.filter((w) => origin === undefined || w.origin === origin);
    if (rejected.length === 0) return;
    for (const w of rejected) this.#waiting.splice(this.#waiting.indexOf(w), 1);
    for (const w of rejected) w.settle(false);
    this.#changed();
  }

  #changed(): void {
    this.#onChange(this.list());
  }
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
