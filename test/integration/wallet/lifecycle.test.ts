/**
 * The wallet's life against the real network (issue 6): register, log in again, a second
 * device with the recovery phrase, each factor type, adding and removing factors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey, importFactorKey } from '../../../src/crypto/factors/keys.ts';
import { factorKeyFromPassword, newPasswordSalt } from '../../../src/crypto/factors/password.ts';
import { factorKeyFromPhrase, generateRecoveryPhrase } from '../../../src/crypto/factors/phrase.ts';
import { factorKeyFromPrf } from '../../../src/crypto/factors/prf.ts';
import { addFactor } from '../../../src/wallet/flows/addFactor.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import type { Progress } from '../../../src/wallet/progress.ts';
import { codeOf, freshAccount, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_000 });
});
afterAll(async () => {
  await h?.stop();
});

describe('wallet life cycle on the real network', () => {
  it('new user → address; same user again → same address; second device with the phrase → same address', async () => {
    const account = freshAccount('life');
    const device = generateDeviceKey();
    const { phrase, factorKey: phraseKey } = generateRecoveryPhrase();
    const progress: Progress[] = [];

    const first = await signIn({
      backend: h.backend,
      login: await h.loginAs(account),
      enrol: () => [
        { type: 'device', factorKey: device, label: 'This laptop' },
        { type: 'phrase', factorKey: phraseKey, label: 'Recovery phrase' },
      ],
      onProgress: (p) => progress.push(p),
    });
    expect(first.kind).toBe('registered');
    const address = first.kind === 'registered' ? first.session.address : '';
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(progress.map((p) => p.step)).toContain('install');

    // Same device, later: device key + network share.
    const again = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: device },
    });
    expect(again.session.address).toBe(address);
    expect(again.session.privatePart.factors[toHex(factorPublicKey(device))]?.label).toBe('This laptop');

    // A second device: the network share plus the recovery phrase typed in.
    const second = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: factorKeyFromPhrase(phrase) },
    });
    expect(second.session.address).toBe(address);
    // …then it enrols its own device key, and that key alone (with the network) unlocks.
    const device2 = generateDeviceKey();
    await addFactor(h.backend, second.session, {
      type: 'device',
      factorKey: device2,
      label: 'Second laptop',
    });
    const third = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: device2 },
    });
    expect(third.session.address).toBe(address);
    expect(third.session.state.record.factors.map((f) => f.type)).toEqual(['device', 'phrase', 'device']);
  });

  it('logs in with each factor type: passkey (PRF), password, imported key', async () => {
    const account = freshAccount('types');
    const prfOutput = randomBytes(32); // what the authenticator's PRF returns for our salt
    const passkeyKey = factorKeyFromPrf(prfOutput);
    const reg = await signIn({
      backend: h.backend,
      login: await h.loginAs(account),
      enrol: () => [{ type: 'passkey', factorKey: passkeyKey, label: 'Passkey', credentialId: 'cred-abc' }],
    });
    if (reg.kind !== 'registered') throw new Error('expected a new wallet');
    const salt = newPasswordSalt();
    const password = 'Tr1ne wallet password!';
    await addFactor(h.backend, reg.session, {
      type: 'password',
      factorKey: await factorKeyFromPassword(password, salt, { enforceStrength: true }),
      salt,
      label: 'Password',
    });
    const imported = importFactorKey(generateDeviceKey());
    await addFactor(h.backend, reg.session, { type: 'imported', factorKey: imported, label: 'My own key' });

    const viaPasskey = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: factorKeyFromPrf(prfOutput) },
    });
    const viaPassword = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'password', password },
    });
    const viaImported = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: imported },
    });
    for (const r of [viaPasskey, viaPassword, viaImported])
      expect(r.session.address).toBe(reg.session.address);
    expect(viaPasskey.session.privatePart.factors[toHex(factorPublicKey(passkeyKey))]?.credentialId).toBe(
      'cred-abc',
    );

    // A wrong password and a key that is not a factor: clear errors.
    expect(
      await codeOf(
        login({
          backend: h.backend,
          login: await h.loginAs(account),
          proof: { kind: 'password', password: 'not the password at all' },
        }),
      ),
    ).toBe('wrong-password');
    expect(
      await codeOf(
        login({
          backend: h.backend,
          login: await h.loginAs(account),
          proof: { kind: 'key', factorKey: generateDeviceKey() },
        }),
      ),
    ).toBe('factor-not-recognised');
  });

  it('an unknown user without factors to enrol gets user-unknown; a known one without a factor is told to use one', async () => {
    const account = freshAccount('unknown');
    expect(
      await codeOf(
        signIn({
          backend: h.backend,
          login: await h.loginAs(account),
          proof: { kind: 'key', factorKey: generateDeviceKey() },
        }),
      ),
    ).toBe('user-unknown');
    const device = generateDeviceKey();
    await signIn({
      backend: h.backend,
      login: await h.loginAs(account),
      enrol: () => [{ type: 'device', factorKey: device, label: 'd' }],
    });
    expect(
      await codeOf(
        signIn({
          backend: h.backend,
          login: await h.loginAs(account),
          enrol: () => [{ type: 'device', factorKey: generateDeviceKey(), label: 'd2' }],
        }),
      ),
    ).toBe('factor-not-recognised');
  });
});
