/**
 * The wallet's account list, as kept in the record's private part (privatePart.ts): which
 * account indices exist and their names. A record written before accounts existed has no
 * list: it has account 0 alone, named "Account 1". Changes are pure: they return a new
 * private part for a record write (flows/addAccount.ts, flows/renameAccount.ts).
 */
import { TrineError } from '../errors/index.ts';
import { assertAccountIndex } from './accounts.ts';
import { type AccountInfo, MAX_ACCOUNTS, type PrivatePart } from './privatePart.ts';

/** The name an account has until the user gives it one: "Account 1" for index 0, as MetaMask counts. */
export const defaultAccountName = (index: number): string => `Account ${index + 1}`;

/** The accounts of a private part, by index; never empty (account 0 is always there). */
export function accountsOf(part: PrivatePart): AccountInfo[] {
  const list = part.accounts ?? [];
  const all = list.some((a) => a.index === 0)
    ? [...list]
    : [{ index: 0, name: defaultAccountName(0) }, ...list];
  return all.sort((a, b) => a.index - b.index).map((a) => ({ ...a }));
}

/** A name as the user typed it: trimmed, 1 to 40 characters, else `invalid-input` (field `name`). */
export function checkAccountName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length < 1 || trimmed.length > 40)
    throw new TrineError({
      code: 'invalid-input',
      message: 'name: an account name has 1 to 40 characters',
      details: { field: 'name' },
    });
  return trimmed;
}

/** The part with one more account (the next unused index) and that account. */
export function withAccountAdded(
  part: PrivatePart,
  name?: string,
): { part: PrivatePart; account: AccountInfo } {
  const accounts = accountsOf(part);
  if (accounts.length >= MAX_ACCOUNTS)
    throw new TrineError({
      code: 'invalid-input',
      message: `a wallet holds at most ${MAX_ACCOUNTS} accounts`,
      details: { field: 'accounts' },
    });
  const index = Math.max(...accounts.map((a) => a.index)) + 1;
  assertAccountIndex(index);
  const account = { index, name: name === undefined ? defaultAccountName(index) : checkAccountName(name) };
  return { part: { ...part, accounts: [...accounts, account] }, account };
}

/** The part with account `index` named `name`; an index the wallet does not have is `invalid-input`. */
export function withAccountRenamed(part: PrivatePart, index: number, name: string): PrivatePart {
  assertAccountIndex(index);
  const checked = checkAccountName(name);
  const accounts = accountsOf(part);
  const account = accounts.find((a) => a.index === index);
  if (account === undefined)
    throw new TrineError({
      code: 'invalid-input',
      message: `index: the wallet has no account ${index}`,
      details: { field: 'index' },
    });
  account.name = checked;
  return { ...part, accounts };
}
