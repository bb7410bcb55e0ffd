/**
 * What the pages send (src/messages/wallet.ts) → what the wallet core takes. Factor keys
 * are derived here, in the service worker; the pages only ever send what the user typed or
 * what the authenticator returned.
 */
import { fromHex } from '../crypto/bytes.ts';
import { generateDeviceKey, importFactorKey } from '../crypto/factors/keys.ts';
import { factorKeyFromPassword, newPasswordSalt } from '../crypto/factors/password.ts';
import { factorKeyFromPhrase, generateRecoveryPhrase } from '../crypto/factors/phrase.ts';
import { factorKeyFromPrf } from '../crypto/factors/prf.ts';
import { TrineError } from '../errors/index.ts';
import type { FactorEnrolInput, FactorProofInput } from '../messages/wallet.ts';
import type { FactorEnrolment, FactorProof } from '../wallet/factors.ts';

/** `device` proofs need this browser's device key for the wallet: `loadDevice` finds it. */
export async function proofFromInput(
  input: FactorProofInput,
  loadDevice: () => Promise<Uint8Array | null>,
): Promise<FactorProof> {
  switch (input.type) {
    case 'passkey':
      return { kind: 'key', factorKey: factorKeyFromPrf(fromHex(input.prfOutput, 32, 'prfOutput')) };
    case 'phrase':
      return { kind: 'key', factorKey: factorKeyFromPhrase(input.phrase) };
    case 'password':
      return { kind: 'password', password: input.password };
    case 'imported':
      return { kind: 'key', factorKey: importFactorKey(fromHex(input.key, 32, 'key')) };
    case 'device': {
      const factorKey = await loadDevice();
      if (factorKey === null)
        throw new TrineError({
          code: 'factor-not-recognised',
          message: 'this browser holds no device key for this wallet',
          status: 401,
        });
      return { kind: 'key', factorKey };
    }
  }
}

/** A factor to enrol, plus what must happen around it: a phrase to show, a device key to keep. */
export type PreparedEnrolment = {
  enrolment: FactorEnrolment;
  /** Show once; never stored. */
  phrase: string | null;
  /** Keep wrapped in IndexedDB BEFORE the record names it. */
  deviceKey: Uint8Array | null;
};

export async function enrolmentFromInput(input: FactorEnrolInput): Promise<PreparedEnrolment> {
  const label = input.label;
  switch (input.type) {
    case 'passkey':
      return {
        enrolment: {
          type: 'passkey',
          factorKey: factorKeyFromPrf(fromHex(input.prfOutput, 32, 'prfOutput')),
          label,
          credentialId: input.credentialId,
        },
        phrase: null,
        deviceKey: null,
      };
    case 'phrase': {
      const { phrase, factorKey } = generateRecoveryPhrase();
      return { enrolment: { type: 'phrase', factorKey, label }, phrase, deviceKey: null };
    }
    case 'password': {
      const salt = newPasswordSalt();
      const factorKey = await factorKeyFromPassword(input.password, salt, { enforceStrength: true });
      return { enrolment: { type: 'password', factorKey, salt, label }, phrase: null, deviceKey: null };
    }
    case 'device': {
      const factorKey = generateDeviceKey();
      return { enrolment: { type: 'device', factorKey, label }, phrase: null, deviceKey: factorKey };
    }
    case 'imported':
      return {
        enrolment: { type: 'imported', factorKey: importFactorKey(fromHex(input.key, 32, 'key')), label },
        phrase: null,
        deviceKey: null,
      };
  }
}
