/**
 * Add a factor while unlocked: the next never-used index, its share sealed to the factor's
 * public key, a label in the private part; one CAS write signed by m.
 */
import { toHex } from '../../crypto/bytes.ts';
import { factorPublicKey } from '../../crypto/factors/keys.ts';
import { TrineError } from '../../errors/index.ts';
import { MAX_FACTORS } from '../../protocol/formats.ts';
import type { RecordState, WalletBackend } from '../backend.ts';
import { sealFactorShare } from '../factorShare.ts';
import type { FactorEnrolment } from '../factors.ts';
import { shareAt } from '../material.ts';
import { openPrivatePart, sealPrivatePart } from '../privatePart.ts';
import type { WalletSession } from '../session.ts';
import { writeWithRetry } from '../write.ts';

export async function addFactor(
  backend: WalletBackend,
  session: WalletSession,
  factor: FactorEnrolment,
  now: () => number = Date.now,
): Promise<RecordState> {
  const pub = toHex(factorPublicKey(factor.factorKey));
  return writeWithRetry(backend, session, ({ record }) => {
    if (record.factors.some((f) => f.pub === pub))
      throw new TrineError({ code: 'invalid-input', message: 'this factor is already part of the wallet' });
    if (record.factors.length >= MAX_FACTORS)
      throw new TrineError({
        code: 'invalid-input',
        message: `a wallet holds at most ${MAX_FACTORS} factors`,
      });
    const material = session.material();
    const index = record.nextIndex;
    const privatePart = openPrivatePart(material.m, record.P, record.private);
    privatePart.factors[pub] = {
      label: factor.label,
      createdAt: now(),
      ...(factor.credentialId ? { credentialId: factor.credentialId } : {}),
    };
    return {
      ...record,
      factors: [
        ...record.factors,
        {
          pub,
          index,
          type: factor.type,
          ...(factor.salt ? { salt: toHex(factor.salt) } : {}),
          sealed: sealFactorShare(record.P, record.epoch, index, pub, shareAt(material, index)),
        },
      ],
      nextIndex: index + 1,
      private: sealPrivatePart(material.m, record.P, privatePart),
    };
  });
}
