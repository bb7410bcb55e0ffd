/**
 * A new wallet for a login the nodes do not know: the chosen first factor (and a recovery
 * phrase if asked), a device key kept wrapped BEFORE the record names it, then the core's
 * `register`. If the record was never created, the device key just kept is dropped again.
 */
import type { FactorEnrolInput } from '../messages/wallet.ts';
import type { Attestation } from '../protocol/formats.ts';
import type { Login, WalletBackend } from '../wallet/backend.ts';
import { register } from '../wallet/flows/register.ts';
import type { Progress } from '../wallet/progress.ts';
import type { WalletSession } from '../wallet/session.ts';
import type { WalletDb } from './db.ts';
import { deleteDeviceKey, storeDeviceKey } from './deviceKey.ts';
import { enrolmentFromInput, type PreparedEnrolment } from './factorInput.ts';

export type CreateWalletParameters = {
  db: WalletDb;
  backend: WalletBackend;
  login: Login;
  P: string;
  attestations: Attestation[];
  first: FactorEnrolInput;
  withRecoveryPhrase: boolean;
  onProgress: (p: Progress) => void;
};

/** The unlocked new wallet, and its recovery phrase if one was made (show once, never store). */
export async function createWallet(
  p: CreateWalletParameters,
): Promise<{ session: WalletSession; recoveryPhrase: string | null }> {
  const prepared: PreparedEnrolment[] = [await enrolmentFromInput(p.first)];
  try {
    if (p.withRecoveryPhrase && p.first.type !== 'phrase')
      prepared.push(await enrolmentFromInput({ type: 'phrase', label: 'Recovery phrase' }));
    const device = prepared.find((e) => e.deviceKey !== null)?.deviceKey ?? null;
    if (device !== null) await storeDeviceKey(p.db, p.P, device);
    let recordCreated = false;
    try {
      const session = await register({
        backend: p.backend,
        login: p.login,
        factors: prepared.map((e) => e.enrolment),
        onProgress: (progress) => {
          if (progress.step === 'install') recordCreated = true; // the record names the factors now
          p.onProgress(progress);
        },
      });
      return { session, recoveryPhrase: prepared.find((e) => e.phrase !== null)?.phrase ?? null };
    } catch (err) {
      if (device !== null && !recordCreated) await deleteDeviceKey(p.db, p.P);
      throw err;
    }
  } finally {
    for (const e of prepared) e.enrolment.factorKey.fill(0);
  }
}
