/**
 * The unlocked wallet, as the rest of the background sees it. Only the wallet service
 * (walletService.ts) puts a session here or takes it away; dApp code (issue 8) reads the
 * address and asks for the signing key at the moment it signs, and never keeps it.
 *
 * @example
 * const address = unlockedAddress();          // null while locked
 * const key = signingKey();                   // throws TrineError('locked') while locked
 * try { sign(key) } finally { key.fill(0) }
 */
import { TrineError } from '../errors/index.ts';
import type { WalletSession } from '../wallet/session.ts';

let current: WalletSession | null = null;
const listeners = new Set<(address: `0x${string}` | null) => void>();
const activity = new Set<() => void>();

/** The unlocked session, or null. */
export function getUnlockedSession(): WalletSession | null {
  return current !== null && !current.locked ? current : null;
}

export function unlockedAddress(): `0x${string}` | null {
  return getUnlockedSession()?.address ?? null;
}

/** k as 32 bytes (a fresh copy: zero it after signing). */
export function signingKey(): Uint8Array {
  const session = getUnlockedSession();
  if (session === null)
    throw new TrineError({ code: 'locked', message: 'the wallet is locked', status: 403 });
  return session.signingKey();
}

/** Told the new address on unlock and null on lock (dApps get `accountsChanged`). */
export function onSessionChange(listener: (address: `0x${string}` | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Signing counts as use: postpones the auto-lock. */
export function noteWalletUse(): void {
  for (const listener of activity) listener();
}

/** For the wallet service: called on every use of the wallet. */
export function onWalletUse(listener: () => void): () => void {
  activity.add(listener);
  return () => activity.delete(listener);
}

/** For the wallet service only: the session just unlocked or restored, or null when locking. */
export function setUnlockedSession(session: WalletSession | null): void {
  const before = unlockedAddress();
  if (current !== null && current !== session) current.lock();
  current = session;
  const after = unlockedAddress();
  if (before !== after) for (const listener of listeners) listener(after);
}
