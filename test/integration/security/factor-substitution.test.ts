/**
 * Issue 19, item 6, as the metadata operator does it: a factor's ciphertext in the record
 * needs no secret to forge (anyone can encrypt to a public key in the right slot), so the
 * operator rewrites one factor's share, or the record's slopes. Every share is checked
 * against the commitments before use, so the login, the offline recovery and the refresh
 * refuse it naming what is wrong, and the other factors keep working.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey } from '../../../src/crypto/factors/keys.ts';
import { publicOf, randomScalar } from '../../../src/crypto/scalar.ts';
import { openStore } from '../../../src/metadata/store/open.ts';
import type { MetadataRecord } from '../../../src/protocol/formats.ts';
import { sealFactorShare } from '../../../src/wallet/factorShare.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { recoverOffline } from '../../../src/wallet/flows/recoverOffline.ts';
import { signTestReceipt } from '../../helpers/dealing.ts';
import { rejection } from '../../helpers/rejection.ts';
import { registerWallet, startWalletHarness, type WalletHarness } from '../wallet/harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 12_400 });
});
afterAll(async () => {
  await h?.stop();
});

/** The operator rewrites P's stored record in its own database (same version, its own receipt). */
async function operatorRewrites(P: string, change: (r: MetadataRecord) => MetadataRecord): Promise<void> {
  const store = await openStore(`sqlite:${join(h.stack.dir, 'metadata.sqlite')}`);
  try {
    const stored = (await store.get(P))!;
    const record = change(structuredClone(stored.record));
    const receipt = await signTestReceipt(h.stack.dir, h.stack.network, record.dealing, stored.version + 1);
    expect((await store.compareAndSwap(stored.version, record, receipt)).swapped).toBe(true);
  } finally {
    await store.close();
  }
}

describe("the metadata operator substitutes a factor's share", () => {
  it('login and recovery with that factor refuse it by name; the other factors still work', async () => {
    const w = await registerWallet(h, 'substituted');
    const { P, epoch } = w.session.state.record;
    const phrasePub = toHex(factorPublicKey(w.phrase.factorKey));
    await operatorRewrites(P, (r) => ({
      ...r,
      factors: r.factors.map((f) =>
        f.pub === phrasePub
          ? {
              ...f,
              sealed: sealFactorShare(P, epoch, f.index, f.pub, { f: randomScalar(), g: randomScalar() }),
            }
          : f,
      ),
    }));

    const viaPhrase = await rejection(
      login({
        backend: h.backend,
        login: await h.loginAs(w.account),
        proof: { kind: 'key', factorKey: w.phrase.factorKey },
      }),
    );
    expect(viaPhrase.code).toBe('commitment-mismatch');
    expect(viaPhrase.message).toMatch(/the phrase factor/);
    expect(viaPhrase.details).toMatchObject({ factor: phrasePub, type: 'phrase' });

    // Two factors without the network, from the record as the operator now serves it.
    const served = await login({
      backend: h.backend,
      login: await h.loginAs(w.account),
      proof: { kind: 'key', factorKey: w.device },
    });
    expect(served.session.address).toBe(w.session.address);
    const offline = await rejection(
      recoverOffline(
        served.session.state,
        { kind: 'key', factorKey: w.phrase.factorKey },
        { kind: 'key', factorKey: w.device },
      ),
    );
    expect(offline.code).toBe('commitment-mismatch');
    const honest = await recoverOffline(
      served.session.state,
      { kind: 'key', factorKey: w.passkey },
      { kind: 'key', factorKey: w.device },
    );
    expect(honest.address).toBe(w.session.address);
  });

  // (A new B₁ is refused by the metadata server itself: the read is signed with g(1), checked against M + B₁.)
  it('a new slope A₁ in the record is refused before any share is used', async () => {
    const w = await registerWallet(h, 'slopes');
    const A1 = toHex(publicOf(randomScalar()).toBytes(true));
    await operatorRewrites(w.session.state.record.P, (r) => ({
      ...r,
      tss: { ...r.tss, A1 },
      dealing: { ...r.dealing, tss: { ...r.dealing.tss, A1 } },
    }));
    const refused = await rejection(
      login({
        backend: h.backend,
        login: await h.loginAs(w.account),
        proof: { kind: 'key', factorKey: w.device },
      }),
    );
    expect(refused.code).toBe('commitment-mismatch');
    expect(refused.message).toMatch(/network share/);
  });
});
