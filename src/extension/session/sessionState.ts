/**
 * The wallet's session state, held once: locked, a login pending (needs a factor / needs
 * registration), or unlocked. It owns the generation (bumped by every lock, so an operation
 * that started before a lock cannot unlock after it), the auto-lock time and its timer, and
 * the copy kept in `storage.session` (memory-only browser storage, so a service-worker
 * restart costs nothing). keyring.ts reads the unlocked session from here and keeps none.
 *
 * State changes only through intent-named methods (unlock, lock, awaitLogin, …); each one
 * keeps storage.session and the timer in step with memory. k and m are in the WalletSession
 * and in storage.session, nowhere else; lock wipes both.
 *
 * @example
 * const state = new SessionState({ area, lockTimer, db, now: Date.now });
 * await state.ready;                        // restored from storage.session, if not due to lock
 * await state.unlock(session, { auth, factorPub, network: true, email });
 * state.requireUnlocked().session.address;
 */
import { isTrineError, TrineError } from '../../errors/index.ts';
import type { WalletState } from '../../messages/wallet.ts';
import { accountsOf } from '../../wallet/accountList.ts';
import { WalletSession } from '../../wallet/session.ts';
import type { WalletDb } from '../db.ts';
import {
  addressOfAccount,
  announceSessionChange as announce,
  attachSessionSource,
  selectedAccount,
  useAccount,
} from '../keyring.ts';
import type { ProviderLogin } from '../oidc/signInWithProvider.ts';
import { type PendingLogin, PendingSlot } from '../pendingLogin.ts';
import { clearUnlock, loadUnlock, type SessionArea, saveUnlock } from '../sessionStore.ts';
import { getSetting } from '../settings.ts';
import { loadSelectedAccount, saveSelectedAccount } from './selectedAccount.ts';

/** When the wallet locks itself: `browser.alarms` in the extension. */
export type LockTimer = {
  schedule(at: number): Promise<void> | void;
  cancel(): Promise<void> | void;
};

export type SessionStateDeps = {
  /** `browser.storage.session`: the only place the unlocked session is kept. */
  area: SessionArea;
  lockTimer: LockTimer;
  /** Where the auto-lock delay is read (settings). */
  db: () => Promise<WalletDb>;
  now: () => number;
};

export type Unlocked = {
  readonly session: WalletSession;
  readonly email: string | null;
  /** The factor that unlocked, or null after registration / restore / recovery. */
  readonly factorPub: string | null;
  /** The OpenID login that unlocked (nodes accept its token for minutes); null after restore. */
  readonly auth: ProviderLogin | null;
  /** False when two factors rebuilt the key without the nodes (wallet-recover). */
  readonly network: boolean;
  readonly lockAt: number;
};

export type UnlockFacts = Omit<Unlocked, 'session' | 'lockAt'>;

/** A lock postponed by less than this is not worth a write. */
const POSTPONE_MIN_MS = 30_000;

export class SessionState {
  readonly #deps: SessionStateDeps;
  readonly #pending: PendingSlot;
  #unlocked: Unlocked | null = null;
  #generation = 0;
  /** Resolved once a session kept in storage.session is back (or found absent or due). */
  readonly ready: Promise<void>;

  constructor(deps: SessionStateDeps) {
    this.#deps = deps;
    this.#pending = new PendingSlot(deps.now);
    attachSessionSource(() => this.#unlocked?.session ?? null);
    this.ready = this.#restore();
  }

  /** Bumped by every lock. */
  get generation(): number {
    return this.#generation;
  }

  unlocked(): Unlocked | null {
    return this.#unlocked;
  }

  requireUnlocked(): Unlocked {
    if (this.#unlocked === null)
      throw new TrineError({ code: 'locked', message: 'the wallet is locked', status: 403 });
    return this.#unlocked;
  }

  /** Factors are managed with the nodes: not on a wallet recovered without them. */
  requireNetwork(): Unlocked {
    const u = this.requireUnlocked();
    if (!u.network)
      throw new TrineError({
        code: 'sign-in-required',
        message: 'recovered without the network: sign in to manage factors',
        details: { why: 'recovered' },
      });
    return u;
  }

  /** The login waiting for a factor or a registration, if not expired. */
  pending(): PendingLogin | null {
    return this.#pending.get();
  }

  /** The pending login of `kind`, else "sign in first". */
  requirePending<K extends PendingLogin['kind']>(kind: K): Extract<PendingLogin, { kind: K }> {
    const pending = this.#pending.get();
    if (pending?.kind !== kind)
      throw new TrineError({
        code: 'sign-in-required',
        message: 'sign in first (or again: a sign-in is good for 5 minutes)',
        details: { why: 'no-login' },
      });
    return pending as Extract<PendingLogin, { kind: K }>;
  }

  /** A login now waits for a factor or a registration, for a few minutes. */
  awaitLogin(pending: DistributiveOmit<PendingLogin, 'expiresAt'>): PendingLogin {
    const full = { ...pending, expiresAt: this.#pending.expiry() } as PendingLogin;
    this.#pending.put(full);
    return full;
  }

  forgetLogin(): void {
    this.#pending.clear();
  }

  /** The wallet is open: kept in memory and storage.session until the auto-lock time. */
  async unlock(session: WalletSession, facts: UnlockFacts): Promise<Unlocked> {
    const lockAt = this.#deps.now() + (await this.#autoLockMs());
    this.#pending.clear();
    const before = this.#unlocked?.session;
    if (before !== undefined && before !== session) before.lock();
    const u: Unlocked = { ...facts, session, lockAt };
    useAccount(await this.#storedAccount(session));
    this.#unlocked = u;
    announce();
    await this.#save();
    await this.#deps.lockTimer.schedule(lockAt);
    return u;
  }

  /** Wipe k and m from memory and storage.session; forget any half-done login. */
  async lock(): Promise<void> {
    this.#generation++;
    this.#unlocked?.session.lock();
    this.#unlocked = null;
    this.#pending.clear();
    announce();
    await clearUnlock(this.#deps.area);
    await this.#deps.lockTimer.cancel();
  }

  /** Account `index` signs from now on, on this device; sites hear of it as of an unlock. */
  async selectAccount(index: number): Promise<void> {
    const { session } = this.requireUnlocked();
    if (!accountsOf(session.privatePart).some((a) => a.index === index))
      throw new TrineError({
        code: 'invalid-input',
        message: `index: the wallet has no account ${index}`,
        details: { field: 'index' },
      });
    await saveSelectedAccount(await this.#deps.db(), session.P, index);
    useAccount(index);
    announce();
  }

  /** A fresh OpenID login for node operations (memory only: a token is never stored). */
  useLogin(auth: ProviderLogin): void {
    if (this.#unlocked !== null) this.#unlocked = { ...this.#unlocked, auth };
  }

  /** `pub` left the wallet: it no longer counts as the factor that unlocked. */
  async factorRemoved(pub: string): Promise<void> {
    const u = this.requireUnlocked();
    if (u.factorPub === pub) this.#unlocked = { ...u, factorPub: null };
    await this.#save();
  }

  /** The session's record changed (a factor added or removed): storage.session follows. */
  async recordChanged(): Promise<void> {
    await this.#save();
  }

  /** The auto-lock delay changed: lock that long from now. */
  async relock(): Promise<void> {
    const u = this.#unlocked;
    if (u === null) return;
    const lockAt = this.#deps.now() + (await this.#autoLockMs());
    this.#unlocked = { ...u, lockAt };
    await this.#save();
    await this.#deps.lockTimer.schedule(lockAt);
  }

  /** The wallet was used: the auto-lock moves out again. */
  async postponeLock(): Promise<void> {
    const u = this.#unlocked;
    if (u === null) return;
    const lockAt = this.#deps.now() + (await this.#autoLockMs());
    if (lockAt - u.lockAt < POSTPONE_MIN_MS) return;
    await this.relock();
  }

  async lockIfDue(): Promise<void> {
    if (this.#unlocked !== null && this.#deps.now() >= this.#unlocked.lockAt) await this.lock();
  }

  /** What the popup shows. */
  async status(): Promise<WalletState> {
    const u = this.#unlocked;
    if (u !== null) {
      const index = selectedAccount();
      const account = accountsOf(u.session.privatePart).find((a) => a.index === index);
      return {
        state: 'unlocked',
        address: addressOfAccount(u.session, index),
        account: { index, name: account?.name ?? '' },
        email: u.email,
        autoLockMinutes: await getSetting(await this.#deps.db(), 'autoLockMinutes'),
        network: u.network,
      };
    }
    const pending = this.#pending.get();
    if (pending?.kind === 'needs-registration')
      return { state: 'needs-registration', email: pending.auth.email };
    if (pending?.kind === 'needs-factor')
      return {
        state: 'needs-factor',
        email: pending.auth.email,
        factorTypes: [...new Set(pending.state.record.factors.map((f) => f.type))],
      };
    return { state: 'signed-out' };
  }

  /** The account this device selected for `session`'s wallet (0 if none, or one it lacks). */
  async #storedAccount(session: WalletSession): Promise<number> {
    const known = accountsOf(session.privatePart).map((a) => a.index);
    return loadSelectedAccount(await this.#deps.db(), session.P, known);
  }

  async #autoLockMs(): Promise<number> {
    return (await getSetting(await this.#deps.db(), 'autoLockMinutes')) * 60_000;
  }

  /** What storage.session keeps of the unlocked wallet (a new worker takes it back). */
  async #save(): Promise<void> {
    const u = this.#unlocked;
    if (u === null) return;
    const { session, email, factorPub, network, lockAt } = u;
    await saveUnlock(this.#deps.area, { session: session.serialize(), email, factorPub, network, lockAt });
  }

  /** A new worker: take the unlocked session back from storage.session, unless it is due to lock. */
  async #restore(): Promise<void> {
    const { area, now, lockTimer } = this.#deps;
    try {
      const stored = await loadUnlock(area);
      if (stored === null) return;
      if (now() >= stored.lockAt) return await clearUnlock(area);
      const session = WalletSession.restore(stored.session);
      const { email, factorPub, network, lockAt } = stored;
      useAccount(await this.#storedAccount(session));
      this.#unlocked = { session, email, factorPub, auth: null, network, lockAt };
      announce();
      await lockTimer.schedule(lockAt);
    } catch (err) {
      console.warn(
        'the stored session could not be restored; the wallet is locked',
        isTrineError(err) ? err.code : '',
      );
      await clearUnlock(area).catch(() => {});
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
