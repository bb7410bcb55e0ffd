/**
 * The one place a login becomes a wallet (ARCHITECTURE §4): the OpenID sign-in (interactive,
 * or silent renewal), the nodes' answer (unknown identity → registration; else the record,
 * then a factor), the unlock with a factor, and the registration of a new wallet. The Login
 * of the provider (its session key, its candidate metadata key) travels untouched from
 * signInWithProvider to the nodes, to createWallet and to unlockWithRecord.
 *
 * @example
 * await signIn(ctx, true, undefined);                  // → pending or unlocked
 * await registerWallet(ctx, ctx.state.requirePending('needs-registration'), first, true);
 */
import { isTrineError, TrineError } from '../../errors/index.ts';
import type { FactorEnrolInput } from '../../messages/wallet.ts';
import type { Attestation } from '../../protocol/formats.ts';
import type { NetworkShare } from '../../wallet/backend.ts';
import { unlockWithRecord } from '../../wallet/flows/login.ts';
import type { WalletSession } from '../../wallet/session.ts';
import type { ProviderConfig } from '../config.ts';
import { createWallet } from '../createWallet.ts';
import { deleteDeviceKey, loadDeviceKey } from '../deviceKey.ts';
import { type ProviderLogin, signInWithProvider } from '../oidc/signInWithProvider.ts';
import type { PendingLogin } from '../pendingLogin.ts';
import type { WalletContext } from '../procedures/procedure.ts';
import { cacheRecord } from '../recordCache.ts';
import { enterWallet } from './enterWallet.ts';
import type { Unlocked } from './sessionState.ts';

/** A login older than this is renewed (silently) before the nodes are asked to install. */
const LOGIN_FRESH_MS = 4 * 60_000;

type NeedsFactor = Extract<PendingLogin, { kind: 'needs-factor' }>;
type NeedsRegistration = Extract<PendingLogin, { kind: 'needs-registration' }>;
export type FactorProof = Parameters<typeof unlockWithRecord>[4];

/** The OpenID login at `providerName` (the first configured one by default), then the nodes. */
export async function signIn(
  ctx: WalletContext,
  interactive: boolean,
  providerName: string | undefined,
): Promise<void> {
  const provider = providerFor(ctx, providerName);
  const auth = await signInWithProvider(provider, ctx.channel, interactive, ctx.fetchFn);
  await afterLogin(ctx, auth);
}

/** The nodes decide: unknown identity → registration; else the record, then a factor. */
export async function afterLogin(ctx: WalletContext, auth: ProviderLogin): Promise<void> {
  const { backend, state } = ctx;
  const generation = state.generation;
  let share: NetworkShare;
  try {
    share = await backend.fetchNetworkShare(auth.login, ctx.progress);
  } catch (err) {
    if (!isTrineError(err, 'user-unknown')) throw err;
    if (generation !== state.generation) return; // locked while the nodes answered
    if (state.unlocked() !== null) await state.lock(); // another identity than the unlocked one
    state.awaitLogin({
      kind: 'needs-registration',
      auth,
      P: String(err.details?.P ?? ''),
      attestations: (err.details?.attestations ?? []) as Attestation[],
    });
    return;
  }
  const u = state.unlocked();
  if (u?.network && u.session.P === share.P) {
    state.useLogin(auth); // signed in again while unlocked: a fresh login for node operations
    return;
  }
  // A wallet recovered without the network is left for a normal unlock: its record may be
  // stale (and its slopes an older epoch's), which node operations must not build on.
  if (u !== null) await state.lock();
  ctx.progress({ step: 'record' });
  const record = await backend.readRecord(share.P, share.share.g);
  const db = await ctx.db();
  await cacheRecord(db, record, ctx.now());
  if (generation !== state.generation && u === null) return; // locked meanwhile
  const pending = state.awaitLogin({ kind: 'needs-factor', auth, share, state: record }) as NeedsFactor;
  const deviceKey = await loadDeviceKey(db, share.P);
  if (deviceKey === null) return;
  try {
    await unlockWith(ctx, pending, { kind: 'key', factorKey: deviceKey });
  } catch (err) {
    if (!isTrineError(err, 'factor-not-recognised')) throw err;
    await deleteDeviceKey(db, share.P); // removed from the wallet elsewhere: useless now
  } finally {
    deviceKey.fill(0);
  }
}

/** The network share of the pending login plus one factor → unlocked. */
export async function unlockWith(
  ctx: WalletContext,
  pending: NeedsFactor,
  proof: FactorProof,
): Promise<void> {
  const generation = ctx.state.generation;
  const result = await unlockWithRecord(
    ctx.backend,
    pending.auth.login,
    pending.share,
    pending.state,
    proof,
    ctx.progress,
  );
  if (generation !== ctx.state.generation) {
    result.session.lock(); // the user locked while this ran
    return;
  }
  result.maintenance
    .then(async () => {
      // finishing work may have written the record (or refreshed the shares): keep storage.session in step
      if (generation === ctx.state.generation && ctx.state.unlocked()?.session === result.session)
        await ctx.state.recordChanged();
    })
    .catch((err: unknown) =>
      console.warn('wallet maintenance after login did not finish', isTrineError(err) ? err.code : err),
    );
  await enterWallet(ctx, result.session, {
    auth: pending.auth,
    factorPub: result.factorPub,
    network: true,
    email: pending.auth.email,
  });
}

/** A new wallet for the pending login; returns its recovery phrase if one was made. */
export async function registerWallet(
  ctx: WalletContext,
  pending: NeedsRegistration,
  first: FactorEnrolInput,
  withRecoveryPhrase: boolean,
): Promise<string | null> {
  let created: { session: WalletSession; recoveryPhrase: string | null };
  try {
    created = await createWallet({
      db: await ctx.db(),
      backend: ctx.backend,
      login: pending.auth.login,
      P: pending.P,
      attestations: pending.attestations,
      first,
      withRecoveryPhrase,
      onProgress: ctx.progress,
    });
  } catch (err) {
    if (!isTrineError(err, 'already-registered')) throw err;
    // Another device created this wallet first; its dealing was relayed: go on as a new device.
    ctx.state.forgetLogin();
    await afterLogin(ctx, pending.auth).catch(() => {});
    throw new TrineError({
      code: 'already-registered',
      message: 'this account got a wallet from another device meanwhile: unlock it with one of its factors',
    });
  }
  await enterWallet(ctx, created.session, {
    auth: pending.auth,
    factorPub: null,
    network: true,
    email: pending.auth.email,
  });
  return created.recoveryPhrase;
}

/** The nodes want a recent id token to install a dealing: renew it silently if needed. */
export async function freshLogin(ctx: WalletContext, u: Unlocked): Promise<ProviderLogin> {
  if (u.auth !== null && ctx.now() - u.auth.at < LOGIN_FRESH_MS) return u.auth;
  const provider = providerFor(ctx, u.auth?.login.verifier);
  let auth: ProviderLogin;
  try {
    auth = await signInWithProvider(provider, ctx.channel, false, ctx.fetchFn);
  } catch (err) {
    throw new TrineError({
      code: 'sign-in-required',
      message: 'sign in again (the provider asks for it) before changing factors',
      details: { why: 'provider' },
      cause: err,
    });
  }
  ctx.state.useLogin(auth);
  return auth;
}

function providerFor(ctx: WalletContext, name: string | undefined): ProviderConfig {
  const { providers } = ctx.config;
  const provider = name === undefined ? providers[0] : providers.find((p) => p.name === name);
  if (provider === undefined)
    throw new TrineError({
      code: 'invalid-input',
      message: `provider: unknown sign-in provider '${name}'`,
      details: { field: 'provider' },
    });
  return provider;
}
