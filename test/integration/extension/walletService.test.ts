/**
 * The background's wallet service against the real local network (dev OpenID provider,
 * 5 node processes, metadata server): the state machine as the popup drives it, what is
 * kept where, and that bad calls change nothing. IndexedDB is fake-indexeddb (Node has
 * none; the same code runs on Chromium's in test/e2e/wallet-background.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { factorKeyFromPhrase } from '../../../src/crypto/factors/phrase.ts';
import { publicOf, scalarFromBytes } from '../../../src/crypto/scalar.ts';
import { isTrineError, type TrineError } from '../../../src/errors/index.ts';
import { getUnlockedSession, unlockedAddress } from '../../../src/extension/keyring.ts';
import { addressOf } from '../../../src/wallet/address.ts';
import { freshAccount, startWalletHarness, type WalletHarness } from '../wallet/harness.ts';
import { type Browser, codeOf, dumpDb, browserFor as serviceBrowser } from './serviceBrowser.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_400 });
});
afterAll(async () => {
  await h?.stop();
});

const browserFor = (account: string, reuse?: Browser) => serviceBrowser(h, account, reuse);

const importedKey = () => toHex(generateDeviceKey());

describe('wallet service on the real network', () => {
  it('new account → registration (imported key + recovery phrase) → unlocked; lock wipes memory and storage.session', async () => {
    const b = await browserFor(freshAccount('svc-reg'));
    expect(await b.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });

    const signedIn = await b.call({ type: 'wallet-sign-in', interactive: true });
    expect(signedIn).toMatchObject({ ok: true, state: 'needs-registration' });
    expect((signedIn as { email: string | null }).email).toMatch(/@/);

    const key = importedKey();
    const registered = await b.call({
      type: 'wallet-register',
      first: { type: 'imported', key, label: 'My key' },
      withRecoveryPhrase: true,
    });
    expect(registered).toMatchObject({ ok: true, state: 'unlocked', autoLockMinutes: 15 });
    const { address, recoveryPhrase } = registered as { address: `0x${string}`; recoveryPhrase: string };
    expect(recoveryPhrase.split(' ')).toHaveLength(24);
    expect(unlockedAddress()).toBe(address);
    expect(b.events.map((e) => e.step)).toEqual(expect.arrayContaining(['create', 'install', 'done']));
    expect(b.timer.at).toBeGreaterThan(Date.now() + 14 * 60_000);

    const factors = await b.call({ type: 'wallet-factors' });
    expect((factors as { factors: { type: string; label: string }[] }).factors).toEqual([
      expect.objectContaining({ type: 'imported', label: 'My key' }),
      expect.objectContaining({ type: 'phrase', label: 'Recovery phrase' }),
    ]);

    // The secrets: k (exported with a factor proof), m and the shares (from the session).
    const exported = await b.call({ type: 'wallet-export-key', proof: { type: 'imported', key } });
    const k = (exported as { privateKey: string }).privateKey.slice(2);
    expect(addressOf(publicOf(scalarFromBytes(fromHex(k, 32))))).toBe(address);
    const serialized = getUnlockedSession()!.serialize();
    const phraseKey = toHex(factorKeyFromPhrase(recoveryPhrase));
    const secrets = [k, serialized.m, serialized.a1, serialized.b1, key, phraseKey];
    // Only storage.session holds them; the database has the record but none of them.
    expect(JSON.stringify([...b.area.entries])).toContain(k);
    const dump = await dumpDb(b.db);
    expect(dump).toContain(serialized.record.P);
    for (const secret of secrets) expect(dump).not.toContain(secret);

    expect(await b.call({ type: 'wallet-lock' })).toEqual({ ok: true, state: 'signed-out' });
    expect(b.area.entries.size).toBe(0);
    expect(getUnlockedSession()).toBeNull();
    expect(b.timer.at).toBeNull();
    expect(await codeOf(b.call({ type: 'wallet-factors' }))).toBe('locked');
    expect(await codeOf(b.call({ type: 'wallet-export-key', proof: { type: 'imported', key } }))).toBe(
      'locked',
    );

    // Sign in again: no device key here → needs a factor; a wrong one changes nothing.
    b.events.length = 0;
    expect(await b.call({ type: 'wallet-sign-in', interactive: true })).toMatchObject({
      state: 'needs-factor',
      factorTypes: ['imported', 'phrase'],
    });
    expect(b.events.some((e) => /^Nodes answered [345]\/5$/.test(e.text))).toBe(true);
    expect(
      await codeOf(b.call({ type: 'wallet-unlock', proof: { type: 'imported', key: importedKey() } })),
    ).toBe('factor-not-recognised');
    expect(await codeOf(b.call({ type: 'wallet-unlock', proof: { type: 'device' } }))).toBe(
      'factor-not-recognised',
    );
    expect(await b.call({ type: 'wallet-status' })).toMatchObject({ state: 'needs-factor' });
    expect(
      await b.call({ type: 'wallet-unlock', proof: { type: 'phrase', phrase: recoveryPhrase } }),
    ).toMatchObject({ state: 'unlocked', address });
    await b.call({ type: 'wallet-lock' });
  });

  it('a new worker takes the unlocked wallet back from storage.session, unless it was due to lock', async () => {
    const b = await browserFor(freshAccount('svc-restart'));
    await b.call({ type: 'wallet-sign-in', interactive: true });
    const { address } = (await b.call({
      type: 'wallet-register',
      first: { type: 'device', label: 'This browser' },
      withRecoveryPhrase: false,
    })) as { address: string };

    const restarted = await browserFor('', b);
    expect(await restarted.call({ type: 'wallet-status' })).toMatchObject({ state: 'unlocked', address });
    expect(restarted.timer.at).not.toBeNull();

    restarted.clock.offset = 16 * 60_000; // past the 15-minute auto-lock
    const late = await browserFor('', restarted);
    expect(await late.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
    expect(late.area.entries.size).toBe(0);
    restarted.clock.offset = 0;

    // The device key of this browser unlocks right after sign-in, without asking.
    const again = await browserFor('', b);
    expect(await again.call({ type: 'wallet-sign-in', interactive: true })).toMatchObject({
      state: 'unlocked',
      address,
    });
    const { factors } = (await again.call({ type: 'wallet-factors' })) as {
      factors: { type: string; thisDevice: boolean; lastUsedAt: number | null }[];
    };
    expect(factors).toEqual([expect.objectContaining({ type: 'device', thisDevice: true })]);
    expect(factors[0]!.lastUsedAt).not.toBeNull();
    // The device key is in IndexedDB only wrapped: its public key, never the key.
    const dump = await dumpDb(again.db);
    expect(dump).toContain((await again.db.getAll('deviceKeys'))[0]!.pub);
    // Exporting needs a factor the user holds, not this browser's own device key.
    expect(await codeOf(again.call({ type: 'wallet-export-key', proof: { type: 'device' } }))).toBe(
      'invalid-input',
    );

    // A restored worker has no recent login: removing a factor renews it silently (prompt=none)…
    const added = (await again.call({
      type: 'wallet-add-factor',
      factor: { type: 'phrase', label: 'Backup' },
    })) as {
      factors: { pub: string; type: string }[];
    };
    const phrasePub = added.factors.find((f) => f.type === 'phrase')!.pub;
    const restoredAgain = await browserFor('', again);
    const runs = restoredAgain.channel.runs;
    expect(
      ((await restoredAgain.call({ type: 'wallet-remove-factor', pub: phrasePub })) as { factors: unknown[] })
        .factors,
    ).toHaveLength(1);
    expect(restoredAgain.channel.runs).toBe(runs + 1);
    // …and when the provider wants the user again, says so and changes nothing.
    await restoredAgain.call({ type: 'wallet-add-factor', factor: { type: 'phrase', label: 'Backup 2' } });
    const third = await browserFor('', restoredAgain);
    third.channel.jar.clear(); // the provider session is gone
    const before = (await third.call({ type: 'wallet-factors' })) as { factors: { pub: string }[] };
    expect(await codeOf(third.call({ type: 'wallet-remove-factor', pub: before.factors[1]!.pub }))).toBe(
      'sign-in-required',
    );
    expect(await third.call({ type: 'wallet-factors' })).toEqual(before);

    // Auto-lock after the configured delay.
    await third.call({ type: 'wallet-settings-set', autoLockMinutes: 1 });
    third.clock.offset = 61_000;
    await third.service.autoLockDue();
    expect(await third.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
    third.clock.offset = 0;
    await third.call({ type: 'wallet-settings-set', autoLockMinutes: 15 });
  });

  it('add a device key and remove a factor (refresh): the removed factor no longer unlocks', async () => {
    const b = await browserFor(freshAccount('svc-remove'));
    await b.call({ type: 'wallet-sign-in', interactive: true });
    const key = importedKey();
    const reg = (await b.call({
      type: 'wallet-register',
      first: { type: 'imported', key, label: 'Imported' },
      withRecoveryPhrase: true,
    })) as { address: string; recoveryPhrase: string };
    const added = (await b.call({
      type: 'wallet-add-factor',
      factor: { type: 'device', label: 'Laptop' },
    })) as {
      factors: { pub: string; type: string; thisDevice: boolean }[];
      recoveryPhrase: string | null;
    };
    expect(added.recoveryPhrase).toBeNull();
    expect(added.factors.map((f) => [f.type, f.thisDevice])).toEqual([
      ['imported', false],
      ['phrase', false],
      ['device', true],
    ]);
    expect(
      await codeOf(b.call({ type: 'wallet-add-factor', factor: { type: 'device', label: 'Again' } })),
    ).toBe('invalid-input');

    const importedPub = toHex(factorPublicKey(fromHex(key, 32)));
    b.events.length = 0;
    const removed = (await b.call({ type: 'wallet-remove-factor', pub: importedPub })) as {
      factors: { type: string }[];
    };
    expect(removed.factors.map((f) => f.type)).toEqual(['phrase', 'device']);
    expect(b.events.map((e) => e.text)).toEqual(expect.arrayContaining(['Refreshing shares']));
    expect(await codeOf(b.call({ type: 'wallet-remove-factor', pub: importedPub }))).toBe('invalid-input');
    await b.call({ type: 'wallet-lock' });

    // A second browser (no device key): the removed key is refused, the phrase works.
    const other = await browserFor(b.channel.account);
    expect(await other.call({ type: 'wallet-sign-in', interactive: true })).toMatchObject({
      state: 'needs-factor',
      factorTypes: ['phrase', 'device'],
    });
    expect(await codeOf(other.call({ type: 'wallet-unlock', proof: { type: 'imported', key } }))).toBe(
      'factor-not-recognised',
    );
    expect(
      await other.call({ type: 'wallet-unlock', proof: { type: 'phrase', phrase: reg.recoveryPhrase } }),
    ).toMatchObject({ state: 'unlocked', address: reg.address });
    await other.call({ type: 'wallet-lock' });

    // The first browser still unlocks by its device key after the refresh.
    expect(await b.call({ type: 'wallet-sign-in', interactive: true })).toMatchObject({
      state: 'unlocked',
      address: reg.address,
    });
    await b.call({ type: 'wallet-lock' });
  });

  it('a pending login expires after 5 minutes; calls out of order are refused and change nothing', async () => {
    const b = await browserFor(freshAccount('svc-expire'));
    expect(
      await codeOf(
        b.call({ type: 'wallet-register', first: { type: 'device', label: 'x' }, withRecoveryPhrase: false }),
      ),
    ).toBe('sign-in-required');
    expect(await codeOf(b.call({ type: 'wallet-unlock', proof: { type: 'device' } }))).toBe(
      'sign-in-required',
    );
    expect(await codeOf(b.call({ type: 'wallet-sign-in', interactive: true, provider: 'nobody' }))).toBe(
      'invalid-input',
    );
    expect(b.channel.runs).toBe(0);
    expect(await b.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });

    await b.call({ type: 'wallet-sign-in', interactive: true });
    // A weak password is refused before anything is created; the login stays pending.
    expect(
      await codeOf(
        b.call({
          type: 'wallet-register',
          first: { type: 'password', password: 'password123', label: 'pw' },
          withRecoveryPhrase: false,
        }),
      ),
    ).toBe('weak-password');
    expect(await b.call({ type: 'wallet-status' })).toMatchObject({ state: 'needs-registration' });
    b.clock.offset = 5 * 60_000 + 1;
    expect(await b.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
    expect(
      await codeOf(
        b.call({ type: 'wallet-register', first: { type: 'device', label: 'x' }, withRecoveryPhrase: false }),
      ),
    ).toBe('sign-in-required');
    expect(await b.db.count('deviceKeys')).toBe(0);
  });

  it('with too few nodes up, sign-in fails with not-enough-nodes and changes nothing; back up, it works', async () => {
    const b = await browserFor(freshAccount('svc-nodes'));
    await b.call({ type: 'wallet-sign-in', interactive: true });
    await b.call({
      type: 'wallet-register',
      first: { type: 'device', label: 'd' },
      withRecoveryPhrase: false,
    });
    await b.call({ type: 'wallet-lock' });
    const down = [1, 2, 3].map((i) => h.stack.node(i)!);
    await Promise.all(down.map((n) => n.stop()));
    try {
      const refused = await b.call({ type: 'wallet-sign-in', interactive: true }).catch((e: unknown) => e);
      expect(isTrineError(refused, 'not-enough-nodes')).toBe(true);
      // what the user is told counts the nodes that are down, not those not yet heard from
      expect((refused as Error).message).toBe(
        'only 2 of 5 nodes could be used and 3 are needed (3 failed, disagreed or could not be reached)',
      );
      expect((refused as TrineError).details).toMatchObject({ needed: 3, total: 5, usable: 2 });
      expect(await b.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
      expect(b.area.entries.size).toBe(0);
    } finally {
      await Promise.all(down.map((n) => n.restart()));
    }
    expect(await b.call({ type: 'wallet-sign-in', interactive: true })).toMatchObject({ state: 'unlocked' });
    await b.call({ type: 'wallet-lock' });
  });
});
