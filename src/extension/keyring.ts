/**
 * The unlocked wallet, as the rest of the background sees it: a read-only view of the one
 * session state (session/sessionState.ts), which attaches itself here and announces every
 * change. This module keeps no session of its own. dApp code reads the address and asks
 * for the signing key at the moment it signs, and never keeps it.
 *
 * @example
 * const address = unlockedAddress();          // null while locked
 * const key = signingKey();                   // throws TrineError('locked') while locked
 * try { sign(key) } finally { key.fill(0) }
 */
import { TrineError } from '../errors/index.ts';
import type { WalletSession } from '../wallet/session.ts';

let source: () => WalletSession | null = () => null;
/** The address last told to the listeners (not a session: nothing secret). */
let announced: `0x${string}` | null = null;
const listeners = new Set<(address: `0x${string}` | null) => void>();
const activity = new Set<() => void>();

/** The unlocked session, or null. */
export function getUnlockedSession(): WalletSession | null {
  const current = source();
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

/** For the session state only: from now on the unlocked session is whatever `read` returns. */
export function attachSessionSource(read: () => WalletSession | null): void {
  source = read;
  announceSessionChange();
}

/** For the session state only: it unlocked, locked or restored; listeners hear of a new address. */
export function announceSessionChange(): void {
  const address = unlockedAddress();
  if (address === announced) return;
  announced = address;
  for (const listener of listeners) listener(address);
}
