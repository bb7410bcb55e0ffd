/**
 * Add a factor to the unlocked wallet (core `addFactor`: one CAS write). A device key is
 * kept wrapped before the record names it, and dropped again if the write fails; one
 * device key per wallet and browser.
 */
import { TrineError } from '../errors/index.ts';
import type { FactorEnrolInput } from '../messages/wallet.ts';
import type { WalletBackend } from '../wallet/backend.ts';
import { addFactor } from '../wallet/flows/addFactor.ts';
import type { WalletSession } from '../wallet/session.ts';
import type { WalletDb } from './db.ts';
import { deleteDeviceKey, deviceKeyPub, storeDeviceKey } from './deviceKey.ts';
import { enrolmentFromInput } from './factorInput.ts';

/** Returns the new recovery phrase when the factor is one (show once, never store). */
export async function enrolFactor(
  db: WalletDb,
  backend: WalletBackend,
  session: WalletSession,
  input: FactorEnrolInput,
  now: () => number,
): Promise<string | null> {
  const prepared = await enrolmentFromInput(input);
  try {
    if (prepared.deviceKey !== null) {
      if ((await deviceKeyPub(db, session.P)) !== null)
        throw new TrineError({
          code: 'invalid-input',
          message: 'this browser already holds a device key for this wallet',
        });
      await storeDeviceKey(db, session.P, prepared.deviceKey);
    }
    try {
      await addFactor(backend, session, prepared.enrolment, now);
    } catch (err) {
      if (prepared.deviceKey !== null) await deleteDeviceKey(db, session.P);
      throw err;
    }
    return prepared.phrase;
  } finally {
    prepared.enrolment.factorKey.fill(0);
  }
}
