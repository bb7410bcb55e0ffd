/**
 * The unlocked wallet across service-worker restarts: kept in `storage.session` (memory
 * only, never written to disk, trusted contexts only), read back when the worker starts,
 * removed on lock. This is the ONLY place the serialized session goes.
 */
import * as v from 'valibot';
import { parse } from '../protocol/parse.ts';
import type { SerializedSession } from '../wallet/session.ts';

/** The storage area contract: `browser.storage.session` in the extension. */
export type SessionArea = {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
};

export type StoredUnlock = {
  session: SerializedSession;
  email: string | null;
  /** The factor that unlocked (its public key), or null after registration. */
  factorPub: string | null;
  /** False after a recovery without the nodes (walletService.ts). */
  network: boolean;
  /** Epoch milliseconds at which the wallet locks itself. */
  lockAt: number;
};

const KEY = 'wallet-unlocked';

const Stored = v.object({
  session: v.unknown(),
  email: v.nullable(v.string()),
  factorPub: v.nullable(v.string()),
  network: v.optional(v.boolean(), true),
  lockAt: v.number(),
});

export async function saveUnlock(area: SessionArea, unlock: StoredUnlock): Promise<void> {
  await area.set(KEY, unlock);
}

/** What was stored, shape-checked (the session itself is checked by WalletSession.restore). */
export async function loadUnlock(area: SessionArea): Promise<(StoredUnlock & { session: unknown }) | null> {
  const value = await area.get(KEY);
  if (value === undefined || value === null) return null;
  return parse(Stored, value, 'stored session') as StoredUnlock & { session: unknown };
}

export async function clearUnlock(area: SessionArea): Promise<void> {
  await area.remove(KEY);
}

/** A SessionArea in this process's memory (what storage.session is), for Node and tests. */
export function memorySessionArea(): SessionArea & { readonly entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async (key) => structuredClone(entries.get(key)),
    set: async (key, value) => void entries.set(key, structuredClone(value)),
    remove: async (key) => void entries.delete(key),
  };
}
