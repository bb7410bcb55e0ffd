/**
 * The wallet in the service worker: the one session state (session/sessionState.ts) and the
 * table of wallet procedures (procedures/), one file per `wallet-*` message.
 *
 *   signed-out ──sign-in──▶ needs-registration ──register──▶ unlocked
 *        │                  needs-factor ────────unlock─────▶ unlocked
 *        │                  (device key here → unlocked at once)     │
 *        ├──recover (two factors, no nodes)──▶ unlocked, network: false
 *        ◀─────────────── lock / auto-lock / 5 min without a factor ─┘
 *
 * Every call waits for the session kept in storage.session to be back, locks a wallet whose
 * time is up, and (except status and lock) counts as use. Procedures that change the wallet
 * run one at a time. Replies never carry k, m, a share or a factor key — except a new
 * recovery phrase (shown once) and the exported key after the user proves a factor again.
 *
 * @example
 * const wallet = new WalletService({ config, db, backend, sessionArea, channel, lockTimer, broadcast });
 * await wallet.handle({ type: 'wallet-status' });
 */
import type { WalletMessage, WalletReplies, WalletState } from '../messages/wallet.ts';
import type { Progress } from '../wallet/progress.ts';
import { onWalletUse } from './keyring.ts';
import { procedureFor } from './procedures/index.ts';
import type { Procedure, WalletContext, WalletParts } from './procedures/procedure.ts';
import { progressEvent } from './progressText.ts';
import { type LockTimer, SessionState } from './session/sessionState.ts';
import type { SessionArea } from './sessionStore.ts';

export type { LockTimer };

export type WalletServiceDeps = WalletParts & {
  /** `browser.storage.session`: the only place the unlocked session is kept. */
  sessionArea: SessionArea;
  lockTimer: LockTimer;
  now?: () => number;
};

export class WalletService {
  readonly #ctx: WalletContext;
  #queue: Promise<unknown> = Promise.resolve();
  readonly ready: Promise<void>;

  constructor({ sessionArea, lockTimer, now = Date.now, ...parts }: WalletServiceDeps) {
    const state = new SessionState({ area: sessionArea, lockTimer, db: parts.db, now });
    const progress = (p: Progress): void => {
      try {
        parts.broadcast(progressEvent(p));
      } catch {
        // nobody listening: progress is a courtesy
      }
    };
    this.#ctx = { ...parts, state, now, progress };
    this.ready = state.ready;
    onWalletUse(() => void state.postponeLock().catch(() => {}));
  }

  /** Answer one (already validated) wallet procedure. */
  async handle<M extends WalletMessage>(message: M): Promise<WalletReplies[M['type']]> {
    const { state } = this.#ctx;
    await state.ready;
    await state.lockIfDue();
    const procedure = procedureFor(message.type) as Procedure<M['type']>;
    if (procedure.use !== false) await state.postponeLock();
    const run = () => procedure.run(this.#ctx, message as never);
    return procedure.exclusive ? this.#exclusive(run) : run();
  }

  async status(): Promise<WalletState> {
    return this.#ctx.state.status();
  }

  /** Wipe k and m from memory and storage.session; forget any half-done login. */
  async lock(): Promise<void> {
    await this.#ctx.state.lock();
  }

  /** The auto-lock alarm fired. */
  async autoLockDue(): Promise<void> {
    await this.#ctx.state.ready;
    await this.#ctx.state.lockIfDue();
  }

  /** One state-changing operation at a time. */
  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => {});
    return run;
  }
}
