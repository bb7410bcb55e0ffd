/**
 * The account list in the record's private part (src/wallet/accountList.ts, privatePart.ts):
 * old records mean account 0 alone; the list survives sealing; add and rename check their
 * input and leave the part unchanged when refused.
 */
import { describe, expect, it } from 'vitest';
import { randomScalar } from '../../../src/crypto/scalar.ts';
import { accountsOf, withAccountAdded, withAccountRenamed } from '../../../src/wallet/accountList.ts';
import {
  emptyPrivatePart,
  MAX_ACCOUNTS,
  openPrivatePart,
  type PrivatePart,
  sealPrivatePart,
} from '../../../src/wallet/privatePart.ts';
import { expectTrine } from '../crypto/helpers.ts';

const P = 'cd'.repeat(32);

describe('accounts in the private part', () => {
  it('a record without accounts (written before they existed) has account 0, "Account 1"', () => {
    const m = randomScalar();
    const old = sealPrivatePart(m, P, { v: 1, factors: {} });
    expect(accountsOf(openPrivatePart(m, P, old))).toEqual([{ index: 0, name: 'Account 1' }]);
  });

  it('added and renamed accounts survive sealing (a new device sees the same list)', () => {
    const m = randomScalar();
    let part: PrivatePart = emptyPrivatePart();
    const first = withAccountAdded(part);
    expect(first.account).toEqual({ index: 1, name: 'Account 2' });
    part = withAccountAdded(first.part, '  Savings ').part;
    part = withAccountRenamed(part, 0, 'Main');
    const reopened = openPrivatePart(m, P, sealPrivatePart(m, P, part));
    expect(accountsOf(reopened)).toEqual([
      { index: 0, name: 'Main' },
      { index: 1, name: 'Account 2' },
      { index: 2, name: 'Savings' },
    ]);
  });

  it('refuses a bad name or index with the field named, leaving the part as it was', () => {
    const part = withAccountAdded(emptyPrivatePart()).part;
    const before = structuredClone(part);
    expect(expectTrine(() => withAccountRenamed(part, 1, '   '), 'invalid-input').message).toMatch(/^name:/);
    expect(expectTrine(() => withAccountRenamed(part, 1, 'x'.repeat(41)), 'invalid-input').message).toMatch(
      /^name: an account name has 1 to 40 characters/,
    );
    expect(expectTrine(() => withAccountRenamed(part, 5, 'Five'), 'invalid-input').message).toBe(
      'index: the wallet has no account 5',
    );
    expect(expectTrine(() => withAccountRenamed(part, -1, 'Neg'), 'invalid-input').message).toMatch(
      /^index:/,
    );
    expect(expectTrine(() => withAccountAdded(part, ''), 'invalid-input').message).toMatch(/^name:/);
    expect(part).toEqual(before);
  });

  it(`holds at most ${MAX_ACCOUNTS} accounts; a longer list does not open`, () => {
    let part: PrivatePart = emptyPrivatePart();
    for (let i = 1; i < MAX_ACCOUNTS; i++) part = withAccountAdded(part).part;
    expect(accountsOf(part)).toHaveLength(MAX_ACCOUNTS);
    expect(expectTrine(() => withAccountAdded(part), 'invalid-input').message).toBe(
      `a wallet holds at most ${MAX_ACCOUNTS} accounts`,
    );
    const m = randomScalar();
    const tooMany = { ...part, accounts: [...(part.accounts ?? []), { index: 500, name: 'x' }] };
    expect(() => openPrivatePart(m, P, sealPrivatePart(m, P, tooMany))).toThrow(/private part/);
  });
});
