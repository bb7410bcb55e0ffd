/**
 * Add an account while unlocked: the next unused index, named, in the private part; one CAS
 * write signed by m (write.ts re-applies it to a record changed meanwhile, so an account
 * added on another device is kept and the new one gets the index after it). No share
 * changes: the account's key is derived from k (accounts.ts).
 */

import { withAccountAdded } from '../accountList.ts';
import type { RecordState, WalletBackend } from '../backend.ts';
import type { AccountInfo } from '../privatePart.ts';
import { openPrivatePart, sealPrivatePart } from '../privatePart.ts';
import type { WalletSession } from '../session.ts';
import { writeWithRetry } from '../write.ts';

export async function addAccount(
  backend: WalletBackend,
  session: WalletSession,
  name?: string,
): Promise<{ state: RecordState; account: AccountInfo }> {
  let added: AccountInfo | undefined;
  const state = await writeWithRetry(backend, session, ({ record }) => {
    const { m } = session.material();
    const { part, account } = withAccountAdded(openPrivatePart(m, record.P, record.private), name);
    added = account;
    return { ...record, private: sealPrivatePart(m, record.P, part) };
  });
  return { state, account: added as AccountInfo };
}
