/**
 * Leaving without the network (issue 6, "two factors without the network"): a user on a
 * fresh device, holding no record, with every node down, rebuilds the key from two factors
 * and the record the metadata server hands to the holder of one factor key. A factor
 * removed by a refresh no longer finds the record; two passwords cannot find it; wrong or
 * unknown factors and stale requests get clear errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecordByFactor } from '../../../src/clients/metadata/index.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { factorKeyFromPassword, newPasswordSalt } from '../../../src/crypto/factors/password.ts';
import { factorKeyFromPhrase, generateRecoveryPhrase } from '../../../src/crypto/factors/phrase.ts';
import type { FactorProof } from '../../../src/wallet/factors.ts';
import { addFactor } from '../../../src/wallet/flows/addFactor.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { recoverFromServer } from '../../../src/wallet/flows/recoverFromServer.ts';
import { removeFactor } from '../../../src/wallet/flows/removeFactor.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import { codeOf, freshAccount, registerWallet, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_400 });
});
afterAll(async () => {
  await h?.stop();
});

const key = (factorKey: Uint8Array): FactorProof => ({ kind: 'key', factorKey });

describe('two factors and the metadata server, without the nodes', () => {
  it('a factor removed by a refresh no longer finds the record; the remaining ones still leave with the key', async () => {
    const { account, device, passkey, phrase, session } = await registerWallet(h, 'gone');
    const { address } = session;
    // before: the phrase finds the record and, with the device, rebuilds the key
    const before = await recoverFromServer({
      network: h.stack.network,
      first: key(phrase.factorKey),
      second: key(device),
    });
    expect(before.address).toBe(address);

    await removeFactor({
      backend: h.backend,
      login: await h.loginAs(account),
      session,
      factorPub: toHex(factorPublicKey(phrase.factorKey)),
    });
    expect(await codeOf(readRecordByFactor(h.stack.network.metadata, phrase.factorKey))).toBe(
      'record-not-found',
    );
    expect(
      await codeOf(
        recoverFromServer({ network: h.stack.network, first: key(phrase.factorKey), second: key(device) }),
      ),
    ).toBe('record-not-found');
    // the device finds the record, but the phrase has no share in it any more
    expect(
      await codeOf(
        recoverFromServer({ network: h.stack.network, first: key(device), second: key(phrase.factorKey) }),
      ),
    ).toBe('factor-not-recognised');
    const after = await recoverFromServer({
      network: h.stack.network,
      first: key(passkey),
      second: key(device),
    });
    expect(after.address).toBe(address);
    expect(after.epoch).toBe(2);
  });

  it('with every node stopped, a fresh device recovers the same address from phrase + password', async () => {
    const account = freshAccount('leave');
    const device = generateDeviceKey();
    const { phrase, factorKey: phraseKey } = generateRecoveryPhrase();
    const password = 'Leaving with my key, 2 factors!';
    const salt = newPasswordSalt();
    const reg = await signIn({
      backend: h.backend,
      login: await h.loginAs(account),
      enrol: () => [
        { type: 'device', factorKey: device, label: 'This laptop' },
        { type: 'phrase', factorKey: phraseKey, label: 'Recovery phrase' },
      ],
    });
    if (reg.kind !== 'registered') throw new Error('expected a new wallet');
    await addFactor(h.backend, reg.session, {
      type: 'password',
      factorKey: await factorKeyFromPassword(password, salt, { enforceStrength: true }),
      salt,
      label: 'Password',
    });
    const { address } = reg.session;

    const nodes = h.stack.network.nodes.map((n) => n.index);
    for (const i of nodes) await h.stack.node(i)!.stop();
    try {
      // the network is gone: a login cannot get the network share
      expect(
        await codeOf(login({ backend: h.backend, login: await h.loginAs(account), proof: key(device) })),
      ).toBe('not-enough-nodes');

      // a fresh device: nothing but the typed phrase and password
      const typedPhrase = factorKeyFromPhrase(phrase);
      const session = await recoverFromServer({
        network: h.stack.network,
        first: key(typedPhrase),
        second: { kind: 'password', password },
      });
      expect(session.address).toBe(address);
      expect(session.P).toBe(reg.session.P);
      // the order does not matter: the password waits for the record the phrase finds
      const reversed = await recoverFromServer({
        network: h.stack.network,
        first: { kind: 'password', password },
        second: key(factorKeyFromPhrase(phrase)),
      });
      expect(reversed.address).toBe(address);

      // clear errors
      expect(
        await codeOf(
          recoverFromServer({
            network: h.stack.network,
            first: { kind: 'password', password },
            second: { kind: 'password', password: 'another password entirely!' },
          }),
        ),
      ).toBe('invalid-input');
      expect(
        await codeOf(
          recoverFromServer({
            network: h.stack.network,
            first: key(typedPhrase),
            second: { kind: 'password', password: 'not the password at all' },
          }),
        ),
      ).toBe('wrong-password');
      expect(
        await codeOf(
          recoverFromServer({
            network: h.stack.network,
            first: key(generateDeviceKey()),
            second: { kind: 'password', password },
          }),
        ),
      ).toBe('record-not-found');
      expect(
        await codeOf(
          recoverFromServer({
            network: h.stack.network,
            first: key(typedPhrase),
            second: { kind: 'password', password },
            now: () => Date.now() - 120_000, // a device clock two minutes behind
          }),
        ),
      ).toBe('bad-signature');
    } finally {
      for (const i of nodes) await h.stack.node(i)!.restart();
    }
  });
});
