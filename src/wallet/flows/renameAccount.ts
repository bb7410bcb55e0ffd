/**
 * Rename an account: the name in the private part, one CAS write signed by m (re-applied
 * to a record changed meanwhile by write.ts).
 */

import { withAccountRenamed } from '../accountList.ts';
import type { RecordState, WalletBackend } from '../backend.ts';
import { openPrivatePart, sealPrivatePart } from '../privatePart.ts';
import type { WalletSession } from '../session.ts';
import { writeWithRetry } from '../write.ts';

export async function renameAccount(
  backend: WalletBackend,
  session: WalletSession,
  index: number,
  name: string,
): Promise<RecordState> {
  return writeWithRetry(backend, session, ({ record }) => {
    const { m } = session.material();
    const part = withAccountRenamed(openPrivatePart(m, record.P, record.private), index, name);
    return { ...record, private: sealPrivatePart(m, record.P, part) };
  });
}
