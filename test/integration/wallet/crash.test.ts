/**
 * Invariant 5: a crash at any step of registration or refresh is completed or rolled back
 * at the next login — the same address, no factor lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attest } from '../../../src/clients/nodes/index.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { removeFactor } from '../../../src/wallet/flows/removeFactor.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import { type CrashPoint, crashingBackend, InjectedCrash } from './crash.ts';
import { freshAccount, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_200 });
});
afterAll(async () => {
  await h?.stop();
});

const registrationCrashes: CrashPoint[] = [
  { call: 'fetchNetworkShare', when: 'after' },
  { call: 'createRecord', when: 'before' },
  { call: 'createRecord', when: 'after' },
  { call: 'installDealing', when: 'before' },
  { call: 'installDealing', when: 'after', onlyNodes: [1] }, // fewer than t nodes got it
  { call: 'installDealing', when: 'after', onlyNodes: [1, 2, 3] }, // exactly t
  { call: 'installDealing', when: 'after' }, // all installed, answer lost
];

describe('crash during registration', () => {
  for (const point of registrationCrashes) {
    it(`${point.when} ${point.call}${point.onlyNodes ? ` (nodes ${point.onlyNodes.join(',')})` : ''} → the next sign-in completes or rolls back`, async () => {
      const account = freshAccount('crash-reg');
      // The device key is persisted before registering (the extension does the same).
      const device = generateDeviceKey();
      const enrol = () => [{ type: 'device' as const, factorKey: device, label: 'this device' }];
      let crashed: unknown;
      try {
        await signIn({ backend: crashingBackend(h.backend, point), login: await h.loginAs(account), enrol });
      } catch (err) {
        crashed = err;
      }
      expect(crashed).toBeInstanceOf(InjectedCrash);

      // Next start of the extension: the same device key as proof, enrolment offered again.
      const next = await signIn({
        backend: h.backend,
        login: await h.loginAs(account),
        proof: { kind: 'key', factorKey: device },
        enrol,
      });
      const session = next.kind === 'existing' ? next.result.session : next.session;
      if (next.kind === 'existing') await next.result.maintenance;
      // Whatever happened, this device's key unlocks one wallet, on every later login.
      const again = await login({
        backend: h.backend,
        login: await h.loginAs(account),
        proof: { kind: 'key', factorKey: device },
      });
      expect(again.session.address).toBe(session.address);
      const rolledBack =
        point.call === 'fetchNetworkShare' || (point.call === 'createRecord' && point.when === 'before');
      expect(next.kind).toBe(rolledBack ? 'registered' : 'existing');
      // Every node ends up holding the wallet (the lagging ones were completed).
      await again.maintenance;
      const { attestations } = await attest({ network: h.stack.network, ...(await h.loginAs(account)) });
      expect(attestations.map((a) => a.body.registered)).toEqual(h.stack.network.nodes.map(() => true));
    });
  }
});

const refreshCrashes: CrashPoint[] = [
  { call: 'readRecord', when: 'after' },
  { call: 'writeRecord', when: 'before' },
  { call: 'writeRecord', when: 'after' }, // epoch e+1 written, nothing installed
  { call: 'installDealing', when: 'after', onlyNodes: [4] }, // < t nodes moved
  { call: 'installDealing', when: 'after', onlyNodes: [1, 2, 3] }, // t nodes moved
  { call: 'installDealing', when: 'after' },
  { call: 'writeRecord', nth: 2, when: 'before' }, // installed, `previous` not dropped
  { call: 'writeRecord', nth: 2, when: 'after' },
];

describe('crash during refresh (remove a factor)', () => {
  for (const point of refreshCrashes) {
    it(`${point.when} ${point.call}#${point.nth ?? 1}${point.onlyNodes ? ` (nodes ${point.onlyNodes.join(',')})` : ''} → the next login finishes it`, async () => {
      const account = freshAccount('crash-ref');
      const keep = generateDeviceKey();
      const other = generateDeviceKey();
      const removed = generateDeviceKey();
      const reg = await signIn({
        backend: h.backend,
        login: await h.loginAs(account),
        enrol: () => [
          { type: 'device', factorKey: keep, label: 'keep' },
          { type: 'passkey', factorKey: other, label: 'other' },
          { type: 'imported', factorKey: removed, label: 'to remove' },
        ],
      });
      if (reg.kind !== 'registered') throw new Error('expected registration');
      const address = reg.session.address;
      let crashed: unknown;
      try {
        await removeFactor({
          backend: crashingBackend(h.backend, point),
          login: await h.loginAs(account),
          session: reg.session,
          factorPub: toHex(factorPublicKey(removed)),
        });
      } catch (err) {
        crashed = err;
      }
      expect(crashed).toBeInstanceOf(InjectedCrash);

      // Next login with a kept factor: same address; any half-done refresh is finished.
      const next = await login({
        backend: h.backend,
        login: await h.loginAs(account),
        proof: { kind: 'key', factorKey: keep },
      });
      expect(next.session.address).toBe(address);
      await next.maintenance;
      const settled = await login({
        backend: h.backend,
        login: await h.loginAs(account),
        proof: { kind: 'key', factorKey: other },
      });
      expect(settled.session.address).toBe(address);
      await settled.maintenance;
      expect(settled.session.state.record.previous).toBeUndefined();
      const refreshStarted = !(
        point.call === 'readRecord' ||
        (point.call === 'writeRecord' && (point.nth ?? 1) === 1 && point.when === 'before')
      );
      // Rolled forward: the removed factor is gone for good; rolled back: it still works, nothing lost.
      let removedWorks = true;
      try {
        await login({
          backend: h.backend,
          login: await h.loginAs(account),
          proof: { kind: 'key', factorKey: removed },
        });
      } catch (err) {
        if (!isTrineError(err, 'factor-not-recognised')) throw err;
        removedWorks = false;
      }
      expect(removedWorks).toBe(!refreshStarted);
      expect(settled.session.epoch).toBe(refreshStarted ? 2 : 1);
    });
  }
});
