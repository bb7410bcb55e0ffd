/**
 * The unlocked wallet, as the rest of the background sees it: a read-only view of the one
 * session state (session/sessionState.ts), which attaches itself here and announces every
 * change. This module keeps no session of its own. dApp code reads the address and asks
 * for the signing key at the moment it signs, and never keeps it.
 *
 * Address and key are the SELECTED account's (src/wallet/accounts.ts: account 0 is k, the
 * others derived from it); the session state tells which one is selected (a per-device
 * setting) and announces the switch like an unlock.
 *
 * @example
 * const address = unlockedAddress();          // null while locked
 * const key = signingKey();                   // throws TrineError('locked') while locked
 * try { sign(key) } finally { key.fill(0) }
 */
import { scalarFromBytes, scalarToBytes } from '../crypto/scalar.ts';
import { TrineError } from '../errors/index.ts';
import { accountAddress, accountKey } from '../wallet/accounts.ts';
import type { WalletSession } from '../wallet/session.ts';

let source: () => WalletSession | null = () => null;
/** The selected account's index (not secret); the session state sets it. */
let selected = 0;
/** Addresses already derived, per session (a derivation costs a scalar multiplication). */
const addresses = new WeakMap<WalletSession, Map<number, `0x${string}`>>();
/** The address last told to the listeners (not a session: nothing secret). */
let announced: `0x${string}` | null = null;
const listeners = new Set<(address: `0x${string}` | null) => void>();
const activity = new Set<() => void>();

/** The unlocked session, or null. */
export function getUnlockedSession(): WalletSession | null {
  const current = source();
  return current !== null && !current.locked ? current : null;
}

/** The selected account's address, or null while locked. */
export function unlockedAddress(): `0x${string}` | null {
  const session = getUnlockedSession();
  return session === null ? null : addressOfAccount(session, selected);
}

/** The index of the selected account (0 until the session state selects another). */
export function selectedAccount(): number {
  return selected;
}

/** The address of account `index` of `session` (derived once, then remembered). */
export function addressOfAccount(session: WalletSession, index: number): `0x${string}` {
  if (index === 0) return session.address;
  let known = addresses.get(session);
  if (known === undefined) {
    known = new Map();
    addresses.set(session, known);
  }
  const cached = known.get(index);
  if (cached !== undefined) return cached;
  const address = withK(session, (k) => accountAddress(k, index));
  known.set(index, address);
  return address;
}

/** The selected account's key as 32 bytes (a fresh copy: zero it after signing). */
export function signingKey(): Uint8Array {
  const session = getUnlockedSession();
  if (session === null)
    throw new TrineError({ code: 'locked', message: 'the wallet is locked', status: 403 });
  if (selected === 0) return session.signingKey();
  return withK(session, (k) => scalarToBytes(accountKey(k, selected)));
}

/** k for the length of `use`; the byte copy is zeroed (a bigint cannot be). */
function withK<T>(session: WalletSession, use: (k: bigint) => T): T {
  const bytes = session.signingKey();
  try {
    return use(scalarFromBytes(bytes, 'k'));
  } finally {
    bytes.fill(0);
  }
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

/** For the session state only: account `index` is selected from now on (it checked the wallet has it). */
export function useAccount(index: number): void {
  selected = index;
}

/** For the session state only: it unlocked, locked, restored or switched account; listeners hear of a new address. */
export function announceSessionChange(): void {
  const address = unlockedAddress();
  if (address === announced) return;
  announced = address;
  for (const listener of listeners) listener(address);
}
