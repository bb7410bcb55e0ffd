/**
 * Accounts on the real network: the list lives in the record's private part, so a second
 * device (its own login, its own factor) sees the accounts the first added, with the same
 * addresses; two devices adding at once get two accounts (CAS, re-applied on conflict);
 * a refused rename writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsOf } from '../../../src/wallet/accountList.ts';
import { accountAddress } from '../../../src/wallet/accounts.ts';
import { addAccount } from '../../../src/wallet/flows/addAccount.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { renameAccount } from '../../../src/wallet/flows/renameAccount.ts';
import { codeOf, registerWallet, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 13_400 });
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

describe('accounts in the record', () => {
  it('a new device sees the same accounts; concurrent adds both land; a bad rename writes nothing', async () => {
    const wallet = await registerWallet(h, 'accounts');
    const a = wallet.session;
    expect(accountsOf(a.privatePart)).toEqual([{ index: 0, name: 'Account 1' }]);

    // Device B logs in before A adds: its record is stale when it adds too.
    const b = (
      await login({
        backend: h.backend,
        login: await h.loginAs(wallet.account),
        proof: { kind: 'key', factorKey: wallet.passkey },
      })
    ).session;
    const fromA = await addAccount(h.backend, a, 'Trading');
    expect(fromA.account).toEqual({ index: 1, name: 'Trading' });
    const fromB = await addAccount(h.backend, b);
    expect(fromB.account).toEqual({ index: 2, name: 'Account 3' });
    await renameAccount(h.backend, b, 0, 'Main');

    const versionBefore = b.state.version;
    expect(await codeOf(renameAccount(h.backend, b, 7, 'Nope'))).toBe('invalid-input');
    expect(await codeOf(renameAccount(h.backend, b, 1, ''))).toBe('invalid-input');
    expect(b.state.version).toBe(versionBefore);

    // A third login (a new device) reads the record: the same list, the same addresses.
    const c = (
      await login({
        backend: h.backend,
        login: await h.loginAs(wallet.account),
        proof: { kind: 'key', factorKey: wallet.device },
      })
    ).session;
    expect(accountsOf(c.privatePart)).toEqual([
      { index: 0, name: 'Main' },
      { index: 1, name: 'Trading' },
      { index: 2, name: 'Account 3' },
    ]);
    const k = (s: typeof a) => s.material().k;
    for (const i of [0, 1, 2]) expect(accountAddress(k(c), i)).toBe(accountAddress(k(a), i));
    expect(accountAddress(k(c), 0)).toBe(c.address);
  }, 120_000);
});
