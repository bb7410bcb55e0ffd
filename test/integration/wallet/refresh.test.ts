/**
 * Removing a factor refreshes every share (invariant 4): the removed factor, with the
 * current network share and every record an attacker could have saved, no longer rebuilds
 * the key; the remaining factors still do. Plus failures: too many nodes or the metadata
 * server down give clear errors and change nothing; without the network, two factors and
 * the cached record still rebuild the key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey } from '../../../src/crypto/factors/keys.ts';
import { publicOf } from '../../../src/crypto/scalar.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { addressOf } from '../../../src/wallet/address.ts';
import type { RecordState } from '../../../src/wallet/backend.ts';
import { openFactorShare } from '../../../src/wallet/factorShare.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { recoverOffline } from '../../../src/wallet/flows/recoverOffline.ts';
import { removeFactor } from '../../../src/wallet/flows/removeFactor.ts';
import { materialFromShares } from '../../../src/wallet/material.ts';
import type { Progress } from '../../../src/wallet/progress.ts';
import { codeOf, registerWallet, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_100 });
});
afterAll(async () => {
  await h?.stop();
});

describe('remove a factor = refresh', () => {
  it('the removed phrase no longer rebuilds the key with the current network share, even with saved records', async () => {
    const w = await registerWallet(h, 'remove');
    const address = w.session.address;
    const phrasePub = toHex(factorPublicKey(w.phrase.factorKey));
    // The attacker kept every record it ever saw (and the phrase).
    const saved: RecordState[] = [structuredClone(w.session.state)];

    const progress: Progress[] = [];
    await removeFactor({
      backend: h.backend,
      login: await h.loginAs(w.account),
      session: w.session,
      factorPub: phrasePub,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.step)).toEqual(
      expect.arrayContaining(['refresh', 'write', 'install', 'done']),
    );
    expect(w.session.epoch).toBe(2);
    expect(w.session.state.record.factors.map((f) => f.pub)).not.toContain(phrasePub);
    expect(w.session.state.record.previous).toBeUndefined();

    // The phrase alone with the network: refused.
    expect(
      await codeOf(
        login({
          backend: h.backend,
          login: await h.loginAs(w.account),
          proof: { kind: 'key', factorKey: w.phrase.factorKey },
        }),
      ),
    ).toBe('factor-not-recognised');

    // The attacker's best try: current network share (epoch 2, as the nodes now serve it)
    // plus the phrase's old share from a saved epoch-1 record → a wrong point.
    const net = await h.backend.fetchNetworkShare(await h.loginAs(w.account));
    expect(net.epoch).toBe(2);
    for (const state of saved) {
      const entry = state.record.factors.find((f) => f.pub === phrasePub)!;
      const old = openFactorShare(
        state.record.P,
        state.record.epoch,
        entry.index,
        entry.pub,
        entry.sealed,
        w.phrase.factorKey,
      );
      const forged = materialFromShares(1, net.share, entry.index, old);
      expect(toHex(publicOf(forged.k).toBytes(true))).not.toBe(net.K);
      expect(addressOf(publicOf(forged.k))).not.toBe(address);
    }

    // The remaining factors still work, at the new epoch.
    for (const factorKey of [w.device, w.passkey]) {
      const r = await login({
        backend: h.backend,
        login: await h.loginAs(w.account),
        proof: { kind: 'key', factorKey },
      });
      expect(r.session.address).toBe(address);
      expect(r.session.epoch).toBe(2);
    }
    // Two remaining factors without the network, from the latest record.
    const offline = await recoverOffline(
      w.session.state,
      { kind: 'key', factorKey: w.device },
      { kind: 'key', factorKey: w.passkey },
    );
    expect(offline.address).toBe(address);
    // The removed phrase plus a remaining factor, from the new record: the phrase has no share there.
    expect(
      await codeOf(
        recoverOffline(
          w.session.state,
          { kind: 'key', factorKey: w.phrase.factorKey },
          { kind: 'key', factorKey: w.device },
        ),
      ),
    ).toBe('factor-not-recognised');
  });

  it('the last factor cannot be removed, and an unknown factor is refused, with nothing changed', async () => {
    const w = await registerWallet(h, 'last');
    const before = w.session.state.version;
    expect(
      await codeOf(
        removeFactor({
          backend: h.backend,
          login: await h.loginAs(w.account),
          session: w.session,
          factorPub: '02'.repeat(33),
        }),
      ),
    ).toBe('invalid-input');
    expect(w.session.state.version).toBe(before);
  });
});

describe('failures', () => {
  it('too many nodes down → not-enough-nodes naming them; metadata down → network-unreachable; nothing changed', async () => {
    const w = await registerWallet(h, 'down');
    const version = w.session.state.version;
    const t = h.stack.network.threshold;
    const n = h.stack.network.nodes.length;
    // N − t nodes down: still works.
    for (let i = 1; i <= n - t; i++) await h.stack.node(i)!.stop();
    const ok = await login({
      backend: h.backend,
      login: await h.loginAs(w.account),
      proof: { kind: 'key', factorKey: w.device },
    });
    expect(ok.session.address).toBe(w.session.address);
    // One more down: a clear error naming the failures.
    await h.stack.node(n - t + 1)!.stop();
    let failure: unknown;
    try {
      await login({
        backend: h.backend,
        login: await h.loginAs(w.account),
        proof: { kind: 'key', factorKey: w.device },
      });
    } catch (err) {
      failure = err;
    }
    expect(isTrineError(failure, 'not-enough-nodes')).toBe(true);
    expect(JSON.stringify((failure as { details?: unknown }).details)).toMatch(/node/);
    for (let i = 1; i <= n - t + 1; i++) await h.stack.node(i)!.restart();

    // The metadata server down: the nodes answer, the record cannot be read.
    const metadata = h.stack.services.get('metadata')!;
    await metadata.stop();
    expect(
      await codeOf(
        login({
          backend: h.backend,
          login: await h.loginAs(w.account),
          proof: { kind: 'key', factorKey: w.device },
        }),
      ),
    ).toBe('network-unreachable');
    // …and two factors with the record this device holds still rebuild the key.
    const offline = await recoverOffline(
      w.session.state,
      { kind: 'key', factorKey: w.device },
      { kind: 'key', factorKey: w.phrase.factorKey },
    );
    expect(offline.address).toBe(w.session.address);
    await metadata.restart();
    const after = await login({
      backend: h.backend,
      login: await h.loginAs(w.account),
      proof: { kind: 'key', factorKey: w.passkey },
    });
    expect(after.session.state.version).toBe(version);
  });
});
