/**
 * The one session state: unlock keeps the session in memory and storage.session and
 * schedules the lock; keyring.ts sees exactly that session (it keeps none of its own) and
 * tells dApps the address; lock wipes the session, storage.session and the timer; the
 * auto-lock follows use and settings; a wallet recovered without the nodes refuses factor
 * management. The session here is a stand-in (a real one needs a record; see
 * test/integration/extension/).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { openWalletDb } from '../../../src/extension/db.ts';
import {
  getUnlockedSession,
  onSessionChange,
  signingKey,
  unlockedAddress,
} from '../../../src/extension/keyring.ts';
import { SessionState } from '../../../src/extension/session/sessionState.ts';
import { memorySessionArea } from '../../../src/extension/sessionStore.ts';
import { setSetting } from '../../../src/extension/settings.ts';
import type { WalletSession } from '../../../src/wallet/session.ts';

let n = 0;

/** What SessionState and keyring.ts use of a WalletSession. */
function standInSession(address: `0x${string}`) {
  const session = {
    address,
    P: 'ab'.repeat(32),
    locked: false,
    /** A record written before accounts existed: account 0 only. */
    privatePart: { v: 1, factors: {} },
    serialize: () => ({ v: 1, stands: 'in', address }),
    lock() {
      session.locked = true;
    },
    signingKey: () => new Uint8Array(32).fill(7),
  };
  return session;
}

async function state() {
  const db = await openWalletDb(`trine-unit-state-${process.pid}-${n++}`);
  const area = memorySessionArea();
  const clock = { now: 1_000_000 };
  const timer = { at: null as number | null };
  const s = new SessionState({
    area,
    db: async () => db,
    now: () => clock.now,
    lockTimer: {
      schedule: (at) => {
        timer.at = at;
      },
      cancel: () => {
        timer.at = null;
      },
    },
  });
  await s.ready;
  return { s, db, area, clock, timer };
}

const facts = { auth: null, factorPub: 'f1', network: true, email: 'a@b' };

describe('the session state', () => {
  it('unlock: memory, storage.session and the timer; keyring reads it; lock wipes all three', async () => {
    const { s, area, clock, timer } = await state();
    const heard: (string | null)[] = [];
    const stop = onSessionChange((address) => heard.push(address));
    try {
      const session = standInSession('0x00000000000000000000000000000000000000a1');
      await s.unlock(session as unknown as WalletSession, facts);
      expect(getUnlockedSession()).toBe(session);
      expect(unlockedAddress()).toBe(session.address);
      expect(signingKey()).toEqual(new Uint8Array(32).fill(7));
      expect(timer.at).toBe(clock.now + 15 * 60_000);
      expect(area.entries.get('wallet-unlocked')).toMatchObject({
        session: { stands: 'in' },
        factorPub: 'f1',
        network: true,
        lockAt: timer.at,
      });
      expect(await s.status()).toMatchObject({ state: 'unlocked', address: session.address, network: true });

      const generation = s.generation;
      await s.lock();
      expect(session.locked).toBe(true);
      expect(s.generation).toBe(generation + 1);
      expect(getUnlockedSession()).toBeNull();
      expect(() => signingKey()).toThrow(/locked/);
      expect(area.entries.size).toBe(0);
      expect(timer.at).toBeNull();
      expect(heard).toEqual([session.address, null]);
    } finally {
      stop();
    }
  });

  it('a second unlock replaces (and wipes) the first session', async () => {
    const { s } = await state();
    const first = standInSession('0x00000000000000000000000000000000000000b1');
    const second = standInSession('0x00000000000000000000000000000000000000b2');
    await s.unlock(first as unknown as WalletSession, facts);
    await s.unlock(second as unknown as WalletSession, facts);
    expect(first.locked).toBe(true);
    expect(unlockedAddress()).toBe(second.address);
    await s.lock();
  });

  it('the auto-lock: postponed by use, moved by the setting, due → locked', async () => {
    const { s, db, clock, timer, area } = await state();
    await s.unlock(
      standInSession('0x00000000000000000000000000000000000000c1') as unknown as WalletSession,
      facts,
    );
    const first = timer.at!;
    clock.now += 10_000;
    await s.postponeLock(); // 10 s later: not worth a write
    expect(timer.at).toBe(first);
    clock.now += 60_000;
    await s.postponeLock();
    expect(timer.at).toBe(clock.now + 15 * 60_000);
    await setSetting(db, 'autoLockMinutes', 1);
    await s.relock();
    expect(timer.at).toBe(clock.now + 60_000);
    expect((area.entries.get('wallet-unlocked') as { lockAt: number }).lockAt).toBe(timer.at);
    clock.now += 59_999;
    await s.lockIfDue();
    expect(s.unlocked()).not.toBeNull();
    clock.now += 1;
    await s.lockIfDue();
    expect(s.unlocked()).toBeNull();
    expect(area.entries.size).toBe(0);
  });

  it('recovered without the nodes: factor management asks for a sign-in, and nothing changes', async () => {
    const { s, area } = await state();
    await s.unlock(standInSession('0x00000000000000000000000000000000000000d1') as unknown as WalletSession, {
      ...facts,
      network: false,
    });
    const stored = structuredClone(area.entries.get('wallet-unlocked'));
    let refused: unknown;
    try {
      s.requireNetwork();
    } catch (err) {
      refused = err;
    }
    expect(isTrineError(refused, 'sign-in-required')).toBe(true);
    expect((refused as { details: unknown }).details).toEqual({ why: 'recovered' });
    expect(area.entries.get('wallet-unlocked')).toEqual(stored);
    expect(s.requireUnlocked().network).toBe(false);
    await s.lock();
  });

  it('a pending login lasts 5 minutes; the wrong kind asks for a sign-in', async () => {
    const { s, clock } = await state();
    s.awaitLogin({
      kind: 'needs-registration',
      auth: { email: 'e@x', at: clock.now, login: {} as never },
      P: 'p',
      attestations: [],
    });
    expect(await s.status()).toEqual({ state: 'needs-registration', email: 'e@x' });
    expect(() => s.requirePending('needs-factor')).toThrow(/sign in first/);
    expect(s.requirePending('needs-registration').P).toBe('p');
    clock.now += 5 * 60_000;
    expect(s.pending()).toBeNull();
    expect(await s.status()).toEqual({ state: 'signed-out' });
  });
});
