/**
 * How a user proves a factor, and how a new factor is enrolled.
 * A factor key is known before the record is read (passkey PRF, phrase, device, imported);
 * a password needs its per-user salt from the record first. An opened share is checked
 * against the epoch's commitments before it is returned (shareCheck.ts).
 */
import { fromHex, toHex } from '../crypto/bytes.ts';
import { factorPublicKey } from '../crypto/factors/keys.ts';
import { factorKeyFromPassword } from '../crypto/factors/password.ts';
import type { SharePair } from '../crypto/sharePair.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import type { FactorEntry, FactorType } from '../protocol/formats.ts';
import { openFactorShare } from './factorShare.ts';
import { assertShareMatches, type EpochCommitments } from './shareCheck.ts';

export type FactorProof = { kind: 'key'; factorKey: Uint8Array } | { kind: 'password'; password: string };

export type FactorEnrolment = {
  type: FactorType;
  factorKey: Uint8Array;
  label: string;
  /** Password factors: the argon2id salt (16 bytes). */
  salt?: Uint8Array;
  /** Passkey factors: base64url credential id (kept in the private part). */
  credentialId?: string;
};

export type OpenedFactor = { entry: FactorEntry; pair: SharePair; factorKey: Uint8Array };

/** Find the proven factor among `entries`, open its share and check it against `commitments`. */
export async function openFactor(
  P: string,
  epoch: number,
  entries: readonly FactorEntry[],
  proof: FactorProof,
  commitments: EpochCommitments,
): Promise<OpenedFactor> {
  const opened = await findAndOpen(P, epoch, entries, proof);
  const { entry } = opened;
  assertShareMatches(entry.index, opened.pair, commitments, `the ${entry.type} factor`, {
    factor: entry.pub,
    type: entry.type,
  });
  return opened;
}

async function findAndOpen(
  P: string,
  epoch: number,
  entries: readonly FactorEntry[],
  proof: FactorProof,
): Promise<OpenedFactor> {
  if (proof.kind === 'key') {
    const pub = toHex(factorPublicKey(proof.factorKey));
    const entry = entries.find((e) => e.pub === pub);
    if (!entry)
      throw new TrineError({
        code: 'factor-not-recognised',
        message: 'this factor is not (or no longer) part of this wallet',
      });
    return {
      entry,
      pair: openFactorShare(P, epoch, entry.index, entry.pub, entry.sealed, proof.factorKey),
      factorKey: proof.factorKey,
    };
  }
  const candidates = entries.filter((e) => e.type === 'password' && e.salt);
  if (candidates.length === 0)
    throw new TrineError({ code: 'factor-not-recognised', message: 'this wallet has no password factor' });
  for (const entry of candidates) {
    const factorKey = await factorKeyFromPassword(proof.password, fromHex(entry.salt!, 16, 'salt'), {
      enforceStrength: false,
    });
    if (toHex(factorPublicKey(factorKey)) !== entry.pub) continue;
    try {
      return {
        entry,
        pair: openFactorShare(P, epoch, entry.index, entry.pub, entry.sealed, factorKey),
        factorKey,
      };
    } catch (err) {
      if (!isTrineError(err, 'decrypt-failed')) throw err;
    }
  }
  throw new TrineError({ code: 'wrong-password', message: 'wrong password', status: 401 });
}
