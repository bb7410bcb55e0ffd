/**
 * The wallet in the service worker: one state machine behind the wallet procedures.
 *
 *   signed-out ──sign-in──▶ needs-registration ──register──▶ unlocked
 *        │                  needs-factor ────────unlock─────▶ unlocked
 *        │                  (device key here → unlocked at once)     │
 *        ├──recover (two factors, no nodes)──▶ unlocked, network: false
 *        ◀─────────────── lock / auto-lock / 5 min without a factor ─┘
 *
 * A wallet recovered without the network signs like any other; managing factors needs
 * the nodes and an id token, so it asks for a sign-in (which then unlocks normally).
 *
 * k and m exist only in the unlocked WalletSession (keyring.ts) and in storage.session
 * (so a worker restart costs nothing); lock wipes both. Replies never carry k, m, a share
 * or a factor key — except a new recovery phrase (shown once) and the exported key after
 * the user proves a factor again.
 */
import { isTrineError, TrineError } from '../errors/index.ts';
import type {
  FactorEnrolInput,
  FactorProofInput,
  FactorView,
  WalletMessage,
  WalletProgressEvent,
  WalletReplies,
  WalletState,
} from '../messages/wallet.ts';
import type { Attestation } from '../protocol/formats.ts';
import type { WalletBackend } from '../wallet/backend.ts';
import { unlockWithRecord } from '../wallet/flows/login.ts';
import { removeFactor } from '../wallet/flows/removeFactor.ts';
import type { Progress } from '../wallet/progress.ts';
import { WalletSession } from '../wallet/session.ts';
import { activityReply, balanceReply, chainsReply, selectChainReply } from './chainProcedures.ts';
import type { ExtensionConfig, ProviderConfig } from './config.ts';
import { createWallet } from './createWallet.ts';
import type { WalletDb } from './db.ts';
import { deleteDeviceKey, deviceKeyPub, loadDeviceKey } from './deviceKey.ts';
import { enrolFactor } from './enrolFactor.ts';
import { exportKey } from './exportKey.ts';
import { proofFromInput } from './factorInput.ts';
import { factorViews } from './factorViews.ts';
import { onWalletUse, setUnlockedSession } from './keyring.ts';
import {
  type AuthorizationChannel,
  type ProviderLogin,
  signInWithProvider,
} from './oidc/signInWithProvider.ts';
import { type PendingLogin, PendingSlot } from './pendingLogin.ts';
import { progressEvent } from './progressText.ts';
import { cacheRecord, factorDescriptors, noteFactorUsed } from './recordCache.ts';
import { recoverWallet } from './recoverWallet.ts';
import { clearUnlock, loadUnlock, type SessionArea, saveUnlock } from './sessionStore.ts';
import { getSetting, setSetting } from './settings.ts';

/** When the wallet locks itself: `browser.alarms` in the extension. */
export type LockTimer = {
  schedule(at: number): Promise<void> | void;
  cancel(): Promise<void> | void;
};

export type WalletServiceDeps = {
  config: ExtensionConfig;
  db: () => Promise<WalletDb>;
  backend: WalletBackend;
  /** `browser.storage.session`: the only place the unlocked session is kept. */
  sessionArea: SessionArea;
  channel: AuthorizationChannel;
  lockTimer: LockTimer;
  broadcast: (event: WalletProgressEvent) => void;
  now?: () => number;
  fetchFn?: typeof fetch;
};

type Unlocked = {
  session: WalletSession;
  email: string | null;
  /** The factor that unlocked, or null after registration / restore. */
  factorPub: string | null;
  /** The OpenID login that unlocked (nodes accept its token for minutes); null after restore. */
  auth: ProviderLogin | null;
  /** False when two factors rebuilt the key without the nodes (wallet-recover). */
  network: boolean;
  lockAt: number;
};

type Reply<T extends WalletMessage['type']> = Promise<WalletReplies[T]>;

/** A login older than this is renewed (silently) before the nodes are asked to install. */
const LOGIN_FRESH_MS = 4 * 60_000;

export class WalletService {
  readonly #deps: WalletServiceDeps;
  readonly #now: () => number;
  readonly #pending: PendingSlot;
  #unlocked: Unlocked | null = null;
  /** Bumped by every lock: an operation that started before a lock must not unlock after it. */
  #generation = 0;
  #queue: Promise<unknown> = Promise.resolve();
  readonly ready: Promise<void>;

  constructor(deps: WalletServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#pending = new PendingSlot(this.#now);
    this.ready = this.#restore();
    onWalletUse(() => void this.#postponeLock().catch(() => {}));
  }

  /** Answer one (already validated) wallet procedure. */
  async handle<M extends WalletMessage>(message: M): Reply<M['type']> {
    await this.ready;
    await this.#lockIfDue();
    if (message.type !== 'wallet-status' && message.type !== 'wallet-lock') await this.#postponeLock();
    return (await this.#dispatch(message)) as WalletReplies[M['type']];
  }

  async #dispatch(m: WalletMessage): Promise<WalletReplies[WalletMessage['type']]> {
    const { db, config } = this.#deps;
    switch (m.type) {
      case 'wallet-status':
        return { ok: true, ...(await this.status()) };
      case 'wallet-sign-in':
        return this.#exclusive(() => this.#signIn(m.interactive, m.provider));
      case 'wallet-unlock':
        return this.#exclusive(() => this.#unlock(m.proof));
      case 'wallet-register':
        return this.#exclusive(() => this.#register(m.first, m.withRecoveryPhrase));
      case 'wallet-recover':
        return this.#exclusive(() => this.#recover(m.first, m.second));
      case 'wallet-recover-options':
        return { ok: true, factorTypes: await this.#recoverOptions() };
      case 'wallet-lock':
        await this.lock();
        return { ok: true, ...(await this.status()) };
      case 'wallet-factors':
        return { ok: true, factors: await this.#factorViews() };
      case 'wallet-add-factor':
        return this.#exclusive(() => this.#addFactor(m.factor));
      case 'wallet-remove-factor':
        return this.#exclusive(() => this.#removeFactor(m.pub));
      case 'wallet-settings-set':
        return this.#setAutoLock(m.autoLockMinutes);
      case 'wallet-export-key':
        return this.#exclusive(() => this.#exportKey(m.proof));
      case 'wallet-balance': {
        const { address } = this.#requireUnlocked().session;
        return balanceReply(await db(), config.chains, address, this.#deps.fetchFn);
      }
      case 'wallet-activity':
        return { ok: true, items: await activityReply(await db()) };
      case 'wallet-chains':
        return { ok: true, chains: await chainsReply(await db(), config.chains) };
      case 'wallet-select-chain':
        return { ok: true, chains: await selectChainReply(await db(), config.chains, m.chainId) };
    }
  }

  async status(): Promise<WalletState> {
    const u = this.#unlocked;
    if (u !== null) {
      const autoLockMinutes = await getSetting(await this.#deps.db(), 'autoLockMinutes');
      return {
        state: 'unlocked',
        address: u.session.address,
        email: u.email,
        autoLockMinutes,
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

  /** Wipe k and m from memory and storage.session; forget any half-done login. */
  async lock(): Promise<void> {
    this.#generation++;
    this.#unlocked = null;
    this.#pending.clear();
    setUnlockedSession(null);
    await clearUnlock(this.#deps.sessionArea);
    await this.#deps.lockTimer.cancel();
  }

  /** The auto-lock alarm fired. */
  async autoLockDue(): Promise<void> {
    await this.ready;
    await this.#lockIfDue();
  }

  // ── sign-in ────────────────────────────────────────────────────────────────────────

  async #signIn(interactive: boolean, providerName: string | undefined): Reply<'wallet-sign-in'> {
    const provider = this.#provider(providerName);
    const auth = await signInWithProvider(provider, this.#deps.channel, interactive, this.#deps.fetchFn);
    await this.#afterLogin(auth);
    return { ok: true, ...(await this.status()) };
  }

  /** The nodes decide: unknown identity → registration; else the record, then a factor. */
  async #afterLogin(auth: ProviderLogin): Promise<void> {
    const { backend } = this.#deps;
    const generation = this.#generation;
    let share: Awaited<ReturnType<WalletBackend['fetchNetworkShare']>>;
    try {
      share = await backend.fetchNetworkShare(auth.login, this.#progress);
    } catch (err) {
      if (!isTrineError(err, 'user-unknown')) throw err;
      if (this.#unlocked !== null) await this.lock(); // another identity than the unlocked one
      this.#pending.put({
        kind: 'needs-registration',
        auth,
        P: String(err.details?.P ?? ''),
        attestations: (err.details?.attestations ?? []) as Attestation[],
        expiresAt: this.#pending.expiry(),
      });
      return;
    }
    const u = this.#unlocked;
    if (u?.network && u.session.P === share.P) {
      u.auth = auth; // signed in again while unlocked: a fresh login for node operations
      return;
    }
    // A wallet recovered without the network is left for a normal unlock: its record may be
    // stale (and its slopes an older epoch's), which node operations must not build on.
    if (u !== null) await this.lock();
    this.#progress({ step: 'record' });
    const state = await backend.readRecord(share.P, share.share.g);
    const db = await this.#deps.db();
    await cacheRecord(db, state, this.#now());
    if (generation !== this.#generation && u === null) return; // locked meanwhile
    const pending: PendingLogin = {
      kind: 'needs-factor',
      auth,
      share,
      state,
      expiresAt: this.#pending.expiry(),
    };
    this.#pending.put(pending);
    const deviceKey = await loadDeviceKey(db, share.P);
    if (deviceKey === null) return;
    try {
      await this.#unlockWith(pending, { kind: 'key', factorKey: deviceKey });
    } catch (err) {
      if (!isTrineError(err, 'factor-not-recognised')) throw err;
      await deleteDeviceKey(db, share.P); // removed from the wallet elsewhere: useless now
    } finally {
      deviceKey.fill(0);
    }
  }

  async #unlock(input: FactorProofInput): Reply<'wallet-unlock'> {
    const pending = this.#pending.get();
    if (pending?.kind !== 'needs-factor') throw signInFirst();
    const db = await this.#deps.db();
    const proof = await proofFromInput(input, () => loadDeviceKey(db, pending.share.P));
    try {
      await this.#unlockWith(pending, proof);
    } finally {
      if (proof.kind === 'key') proof.factorKey.fill(0);
    }
    return { ok: true, ...(await this.status()) };
  }

  async #unlockWith(
    pending: Extract<PendingLogin, { kind: 'needs-factor' }>,
    proof: Parameters<typeof unlockWithRecord>[4],
  ): Promise<void> {
    const generation = this.#generation;
    const { backend } = this.#deps;
    const result = await unlockWithRecord(
      backend,
      pending.auth.login,
      pending.share,
      pending.state,
      proof,
      this.#progress,
    );
    if (generation !== this.#generation) {
      result.session.lock(); // the user locked while this ran
      return;
    }
    result.maintenance.catch((err: unknown) =>
      console.warn('wallet maintenance after login did not finish', isTrineError(err) ? err.code : err),
    );
    await this.#becomeUnlocked(result.session, pending.auth, result.factorPub, true);
  }

  async #register(first: FactorEnrolInput, withRecoveryPhrase: boolean): Reply<'wallet-register'> {
    const pending = this.#pending.get();
    if (pending?.kind !== 'needs-registration') throw signInFirst();
    let created: Awaited<ReturnType<typeof createWallet>>;
    try {
      created = await createWallet({
        db: await this.#deps.db(),
        backend: this.#deps.backend,
        login: pending.auth.login,
        P: pending.P,
        attestations: pending.attestations,
        first,
        withRecoveryPhrase,
        onProgress: this.#progress,
      });
    } catch (err) {
      if (!isTrineError(err, 'already-registered')) throw err;
      // Another device created this wallet first; its dealing was relayed: go on as a new device.
      this.#pending.clear();
      await this.#afterLogin(pending.auth).catch(() => {});
      throw new TrineError({
        code: 'already-registered',
        message: 'this account got a wallet from another device meanwhile: unlock it with one of its factors',
      });
    }
    await this.#becomeUnlocked(created.session, pending.auth, null, true);
    return { ok: true, recoveryPhrase: created.recoveryPhrase, ...(await this.status()) };
  }

  async #becomeUnlocked(
    session: WalletSession,
    auth: ProviderLogin | null,
    factorPub: string | null,
    network: boolean,
    email = auth?.email ?? null,
  ) {
    const db = await this.#deps.db();
    const now = this.#now();
    const lockAt = now + (await getSetting(db, 'autoLockMinutes')) * 60_000;
    this.#pending.clear();
    setUnlockedSession(session);
    const u: Unlocked = { session, email, factorPub, auth, network, lockAt };
    this.#unlocked = u;
    await this.#save(u);
    await this.#deps.lockTimer.schedule(lockAt);
    await setSetting(db, 'lastWallet', { P: session.P, email });
    await cacheRecord(db, session.state, now);
    if (factorPub !== null) await noteFactorUsed(db, factorPub, now);
  }

  // ── recovery without the network ─────────────────────────────────────────────────────

  /** Two factors, no nodes: the key from this browser's cached record or the metadata server's. */
  async #recover(first: FactorProofInput, second: FactorProofInput): Reply<'wallet-recover'> {
    if (this.#unlocked !== null)
      throw new TrineError({
        code: 'invalid-input',
        message: 'the wallet is already unlocked: lock it first to recover with two factors',
      });
    const generation = this.#generation;
    const db = await this.#deps.db();
    this.#progress({ step: 'record' });
    const session = await recoverWallet({ db, network: this.#deps.config.network, first, second });
    if (generation !== this.#generation) {
      session.lock(); // the user locked while this ran
      return { ok: true, ...(await this.status()) };
    }
    // No sign-in happened: name the wallet as this browser last knew it, if it is the same.
    const last = await getSetting(db, 'lastWallet');
    const email = last?.P === session.P ? last.email : null;
    await this.#becomeUnlocked(session, null, null, false, email);
    this.#progress({ step: 'done' });
    return { ok: true, ...(await this.status()) };
  }

  async #recoverOptions(): Promise<FactorView['type'][]> {
    const hasDeviceKey = (await (await this.#deps.db()).count('deviceKeys')) > 0;
    return ['passkey', ...(hasDeviceKey ? (['device'] as const) : []), 'phrase', 'password', 'imported'];
  }

  // ── factors ────────────────────────────────────────────────────────────────────────

  async #factorViews() {
    const u = this.#requireUnlocked();
    const db = await this.#deps.db();
    return factorViews(u.session, await factorDescriptors(db, u.session.P), {
      devicePub: await deviceKeyPub(db, u.session.P),
      unlockedWith: u.factorPub,
    });
  }

  async #addFactor(input: FactorEnrolInput): Reply<'wallet-add-factor'> {
    const u = this.#requireNetwork();
    const db = await this.#deps.db();
    const recoveryPhrase = await enrolFactor(db, this.#deps.backend, u.session, input, this.#now);
    await this.#sessionChanged(u);
    return { ok: true, factors: await this.#factorViews(), recoveryPhrase };
  }

  async #removeFactor(pub: string): Reply<'wallet-remove-factor'> {
    const u = this.#requireNetwork();
    const db = await this.#deps.db();
    const auth = await this.#freshLogin(u);
    await removeFactor({
      backend: this.#deps.backend,
      login: auth.login,
      session: u.session,
      factorPub: pub,
      onProgress: this.#progress,
    });
    if ((await deviceKeyPub(db, u.session.P)) === pub) await deleteDeviceKey(db, u.session.P);
    if (u.factorPub === pub) u.factorPub = null;
    await this.#sessionChanged(u);
    return { ok: true, factors: await this.#factorViews() };
  }

  /** The nodes want a recent id token to install a dealing: renew it silently if needed. */
  async #freshLogin(u: Unlocked): Promise<ProviderLogin> {
    if (u.auth !== null && this.#now() - u.auth.at < LOGIN_FRESH_MS) return u.auth;
    const provider = this.#provider(u.auth?.login.verifier);
    try {
      u.auth = await signInWithProvider(provider, this.#deps.channel, false, this.#deps.fetchFn);
    } catch (err) {
      throw new TrineError({
        code: 'token-expired',
        message: 'sign in again (the provider asks for it) before changing factors',
        status: 401,
        cause: err,
      });
    }
    return u.auth;
  }

  async #exportKey(input: FactorProofInput): Reply<'wallet-export-key'> {
    return { ok: true, privateKey: await exportKey(this.#requireUnlocked().session, input) };
  }

  // ── settings ──────────────────────────────────────────────────────

  async #setAutoLock(minutes: number): Reply<'wallet-settings-set'> {
    await setSetting(await this.#deps.db(), 'autoLockMinutes', minutes);
    const u = this.#unlocked;
    if (u !== null) {
      u.lockAt = this.#now() + minutes * 60_000;
      await this.#sessionChanged(u);
      await this.#deps.lockTimer.schedule(u.lockAt);
    }
    return { ok: true, ...(await this.status()) };
  }

  // ── plumbing ───────────────────────────────────────────────────────────────────────

  #progress = (p: Progress): void => {
    try {
      this.#deps.broadcast(progressEvent(p));
    } catch {
      // nobody listening: progress is a courtesy
    }
  };

  #provider(name: string | undefined): ProviderConfig {
    const { providers } = this.#deps.config;
    const provider = name === undefined ? providers[0] : providers.find((p) => p.name === name);
    if (provider === undefined)
      throw new TrineError({
        code: 'invalid-input',
        message: `provider: unknown sign-in provider '${name}'`,
      });
    return provider;
  }

  #requireUnlocked(): Unlocked {
    if (this.#unlocked === null)
      throw new TrineError({ code: 'locked', message: 'the wallet is locked', status: 403 });
    return this.#unlocked;
  }

  /** Factors are managed with the nodes: not on a wallet recovered without them. */
  #requireNetwork(): Unlocked {
    const u = this.#requireUnlocked();
    if (!u.network)
      throw new TrineError({
        code: 'token-expired',
        message: 'recovered without the network: sign in to manage factors',
        status: 401,
        details: { recovered: true },
      });
    return u;
  }

  /** What storage.session keeps of the unlocked wallet (a new worker takes it back). */
  async #save(u: Unlocked): Promise<void> {
    const { session, email, factorPub, network, lockAt } = u;
    await saveUnlock(this.#deps.sessionArea, {
      session: session.serialize(),
      email,
      factorPub,
      network,
      lockAt,
    });
  }

  /** The record (or lock time) changed: keep storage.session and the cache in step. */
  async #sessionChanged(u: Unlocked): Promise<void> {
    await this.#save(u);
    await cacheRecord(await this.#deps.db(), u.session.state, this.#now());
  }

  async #postponeLock(): Promise<void> {
    const u = this.#unlocked;
    if (u === null) return;
    const minutes = await getSetting(await this.#deps.db(), 'autoLockMinutes');
    const lockAt = this.#now() + minutes * 60_000;
    if (lockAt - u.lockAt < 30_000) return; // not worth a write
    u.lockAt = lockAt;
    await this.#save(u);
    await this.#deps.lockTimer.schedule(lockAt);
  }

  async #lockIfDue(): Promise<void> {
    if (this.#unlocked !== null && this.#now() >= this.#unlocked.lockAt) await this.lock();
  }

  /** A new worker: take the unlocked session back from storage.session, unless it is due to lock. */
  async #restore(): Promise<void> {
    const { sessionArea } = this.#deps;
    try {
      const stored = await loadUnlock(sessionArea);
      if (stored === null) return;
      if (this.#now() >= stored.lockAt) return await clearUnlock(sessionArea);
      const session = WalletSession.restore(stored.session);
      setUnlockedSession(session);
      this.#unlocked = {
        session,
        email: stored.email,
        factorPub: stored.factorPub,
        auth: null,
        network: stored.network,
        lockAt: stored.lockAt,
      };
      await this.#deps.lockTimer.schedule(stored.lockAt);
    } catch (err) {
      console.warn(
        'the stored session could not be restored; the wallet is locked',
        isTrineError(err) ? err.code : '',
      );
      await clearUnlock(sessionArea).catch(() => {});
    }
  }

  /** One state-changing operation at a time. */
  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => {});
    return run;
  }
}

const signInFirst = () =>
  new TrineError({
    code: 'token-expired',
    message: 'sign in first (or again: a sign-in is good for 5 minutes)',
    status: 401,
  });
