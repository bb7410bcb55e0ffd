/**
 * "Recover with two factors" in the background (wallet-recover): with every node stopped a
 * user still gets in with two factors, from this browser's cached record or the record the
 * metadata server hands to one factor key — and, with that server stopped too, from the
 * cache alone. The recovered wallet signs and exports but refuses to manage factors until
 * a sign-in; bad calls say what is wrong and leave the wallet signed out with nothing kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { publicOf, scalarFromBytes } from '../../../src/crypto/scalar.ts';
import { TrineError } from '../../../src/errors/index.ts';
import { getUnlockedSession, signingKey } from '../../../src/extension/keyring.ts';
import type { FactorProofInput, WalletMessage } from '../../../src/messages/wallet.ts';
import { addressOf } from '../../../src/wallet/address.ts';
import { freshAccount, startWalletHarness, type WalletHarness } from '../wallet/harness.ts';
import { type Browser, browserFor, codeOf, dumpDb } from './serviceBrowser.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_600 });
});
afterAll(async () => {
  await h?.stop();
});

const password = 'Leaving with my key, 2 factors!';
const recover = (first: FactorProofInput, second: FactorProofInput): WalletMessage => ({
  type: 'wallet-recover',
  first,
  second,
});

/** The error a call fails with (code and message), or 'no error'. */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string } | string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof TrineError ? { code: err.code, message: err.message } : String(err);
  }
}

/** A failed recovery left the browser signed out, with nothing unlocked or kept. */
async function expectSignedOut(b: Browser, records: number) {
  expect(await b.call({ type: 'wallet-status' })).toEqual({ ok: true, state: 'signed-out' });
  expect(b.area.entries.size).toBe(0);
  expect(getUnlockedSession()).toBeNull();
  expect(await b.db.count('records')).toBe(records);
}

/** Stop services for the body, and start them again whatever happens. */
async function without(names: string[], body: () => Promise<void>) {
  const services = names.map((name) => h.stack.services.get(name)!);
  await Promise.all(services.map((s) => s.stop()));
  try {
    await body();
  } finally {
    await Promise.all(services.map((s) => s.restart()));
  }
}

describe('recover with two factors, the nodes gone', () => {
  it('recovers the same address from the cache or the metadata server; the recovered wallet signs but does not manage factors', async () => {
    // A wallet with a device key here, a recovery phrase and a password.
    const account = freshAccount('svc-recover');
    const a = await browserFor(h, account);
    await a.call({ type: 'wallet-sign-in', interactive: true });
    const reg = (await a.call({
      type: 'wallet-register',
      first: { type: 'device', label: 'This browser' },
      withRecoveryPhrase: true,
    })) as { address: `0x${string}`; recoveryPhrase: string };
    await a.call({ type: 'wallet-add-factor', factor: { type: 'password', password, label: 'Password' } });
    const { address } = reg;
    const phrase: FactorProofInput = { type: 'phrase', phrase: reg.recoveryPhrase };
    const pw: FactorProofInput = { type: 'password', password };
    await a.call({ type: 'wallet-lock' });
    expect(await a.call({ type: 'wallet-recover-options' })).toEqual({
      ok: true,
      factorTypes: ['passkey', 'device', 'phrase', 'password', 'imported'],
    });

    const nodes = h.stack.network.nodes.map((n) => `node-${n.index}`);
    await without(nodes, async () => {
      expect(await codeOf(a.call({ type: 'wallet-sign-in', interactive: true }))).toBe('not-enough-nodes');
      await expectSignedOut(a, 1);

      // A fresh browser, no cached record: the metadata server finds it by the phrase.
      const b = await browserFor(h, account);
      expect(await b.call({ type: 'wallet-recover-options' })).toEqual({
        ok: true,
        factorTypes: ['passkey', 'phrase', 'password', 'imported'],
      });
      const recovered = await b.call(recover(pw, phrase));
      expect(recovered).toMatchObject({ ok: true, state: 'unlocked', address, network: false, email: null });
      expect(b.events.map((e) => e.step)).toEqual(['record', 'done']);
      expect(await b.db.count('records')).toBe(1); // kept like after any unlock

      // Unlocked as usual: the key signs, export works, a new worker takes it back.
      const k = signingKey();
      expect(addressOf(publicOf(scalarFromBytes(k)))).toBe(address);
      k.fill(0);
      const exported = (await b.call({ type: 'wallet-export-key', proof: phrase })) as { privateKey: string };
      expect(addressOf(publicOf(scalarFromBytes(fromHex(exported.privateKey.slice(2), 32))))).toBe(address);
      expect(b.timer.at).toBeGreaterThan(Date.now() + 14 * 60_000);
      const restarted = await browserFor(h, '', b);
      expect(await restarted.call({ type: 'wallet-status' })).toMatchObject({
        state: 'unlocked',
        address,
        network: false,
      });

      // Factors need the nodes and an id token: refused, clearly, and nothing changes.
      const factors = await restarted.call({ type: 'wallet-factors' });
      const pubs = (factors as { factors: { pub: string }[] }).factors.map((f) => f.pub);
      expect(pubs).toHaveLength(3);
      const before = await dumpDb(restarted.db);
      const refusal = {
        code: 'sign-in-required',
        message: 'recovered without the network: sign in to manage factors',
      };
      expect(
        await failure(
          restarted.call({ type: 'wallet-add-factor', factor: { type: 'phrase', label: 'Another' } }),
        ),
      ).toEqual(refusal);
      expect(await failure(restarted.call({ type: 'wallet-remove-factor', pub: pubs[1]! }))).toEqual(refusal);
      expect(await restarted.call({ type: 'wallet-factors' })).toEqual(factors);
      expect(await dumpDb(restarted.db)).toBe(before);
      // A second recovery while unlocked is refused; a sign-in without nodes keeps the wallet.
      expect(await codeOf(restarted.call(recover(phrase, pw)))).toBe('invalid-input');
      expect(await codeOf(restarted.call({ type: 'wallet-sign-in', interactive: true }))).toBe(
        'not-enough-nodes',
      );
      expect(await restarted.call({ type: 'wallet-status' })).toMatchObject({ address, network: false });

      // Lock wipes as usual.
      expect(await restarted.call({ type: 'wallet-lock' })).toEqual({ ok: true, state: 'signed-out' });
      await expectSignedOut(restarted, 1);
      expect(restarted.timer.at).toBeNull();

      // The browser with the cached record and the device key: device + password.
      expect(await a.call(recover({ type: 'device' }, pw))).toMatchObject({
        state: 'unlocked',
        address,
        network: false,
        email: expect.stringMatching(/@/), // the wallet last unlocked here
      });
      await a.call({ type: 'wallet-lock' });

      // Clear errors, and each leaves the fresh browser signed out with nothing kept.
      const c = await browserFor(h, account);
      const cases: [FactorProofInput, FactorProofInput, string, RegExp][] = [
        [phrase, phrase, 'invalid-input', /same factor was given twice/],
        [pw, pw, 'invalid-input', /same factor was given twice/],
        [pw, { type: 'password', password: 'another long password, 2!' }, 'invalid-input', /two passwords/],
        [{ type: 'imported', key: toHex(generateDeviceKey()) }, pw, 'record-not-found', /no wallet holds/],
        [phrase, { type: 'imported', key: toHex(generateDeviceKey()) }, 'factor-not-recognised', /not/],
        [phrase, { type: 'password', password: 'not the password at all' }, 'wrong-password', /wrong/],
        [{ type: 'device' }, phrase, 'factor-not-recognised', /no device key/],
      ];
      for (const [first, second, code, message] of cases) {
        const got = await failure(c.call(recover(first, second)));
        expect(got, `${first.type} + ${second.type}`).toMatchObject({
          code,
          message: expect.stringMatching(message),
        });
        await expectSignedOut(c, 0);
      }
      // The same mistakes against the cached record (browser a).
      expect(await codeOf(a.call(recover(phrase, { type: 'password', password: 'not it, at all!' })))).toBe(
        'wrong-password',
      );
      await expectSignedOut(a, 1);
    });

    // The metadata server gone as well: the cache alone rebuilds the key; without one, a clear error.
    await without([...nodes, 'metadata'], async () => {
      expect(await a.call(recover(phrase, pw))).toMatchObject({ state: 'unlocked', address, network: false });
      await a.call({ type: 'wallet-lock' });
      expect(await a.call(recover({ type: 'device' }, phrase))).toMatchObject({ state: 'unlocked', address });
      await a.call({ type: 'wallet-lock' });
      expect(await codeOf(a.call(recover(phrase, { type: 'password', password: 'not it, at all!' })))).toBe(
        'wrong-password',
      );
      await expectSignedOut(a, 1);

      const fresh = await browserFor(h, account);
      expect(await failure(fresh.call(recover(phrase, pw)))).toMatchObject({
        code: 'network-unreachable',
        message: expect.stringMatching(/metadata server cannot be reached/),
      });
      await expectSignedOut(fresh, 0);
      expect(await fresh.db.count('settings')).toBe(0);
    });

    // The network back: a sign-in takes the recovered wallet to a normal unlock, factors work again.
    const b = await browserFor(h, account);
    expect(await b.call(recover(phrase, pw))).toMatchObject({ address, network: false });
    expect(await b.call({ type: 'wallet-sign-in', interactive: true })).toMatchObject({
      state: 'needs-factor',
    });
    expect(b.area.entries.size).toBe(0);
    expect(await b.call({ type: 'wallet-unlock', proof: phrase })).toMatchObject({
      state: 'unlocked',
      address,
      network: true,
    });
    const added = (await b.call({
      type: 'wallet-add-factor',
      factor: { type: 'imported', key: toHex(generateDeviceKey()), label: 'Backup key' },
    })) as { factors: unknown[] };
    expect(added.factors).toHaveLength(4);
    await b.call({ type: 'wallet-lock' });
  });
});
