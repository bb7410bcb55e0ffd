/**
 * Two factors, no nodes, no cached record: leave with the key (ARCHITECTURE §2). The
 * metadata server hands the record to the holder of one of its factor keys
 * (POST /v1/records/read-by-factor); the two factors then rebuild k and m from it, checked
 * against the record's K and M (recoverOffline).
 *
 * The record is read with a factor that *has* a key before the record is known: a passkey,
 * the recovery phrase, a device or imported key. A password does not: its key is argon2id
 * of the password with a salt kept in the record. So password + X reads with X, and two
 * passwords cannot find the record at all.
 *
 * @example
 * const session = await recoverFromServer({
 *   network,
 *   first: { kind: 'key', factorKey: factorKeyFromPhrase(phrase) },
 *   second: { kind: 'password', password },
 * });
 */
import { readRecordByFactor } from '../../clients/metadata/index.ts';
import type { NetworkConfig } from '../../config/network.ts';
import { isTrineError, TrineError } from '../../errors/index.ts';
import type { FactorProof } from '../factors.ts';
import type { WalletSession } from '../session.ts';
import { recoverOffline } from './recoverOffline.ts';

export type RecoverFromServerParameters = {
  network: NetworkConfig;
  first: FactorProof;
  second: FactorProof;
  /** Per-request timeout of the metadata call (ms). */
  timeoutMs?: number;
  now?: () => number;
};

/** Whether a record was the wrong one for the other factor (one key in several wallets). */
const notThisWallet = (err: unknown) =>
  isTrineError(err, 'factor-not-recognised') || isTrineError(err, 'wrong-password');

export async function recoverFromServer({
  network,
  first,
  second,
  timeoutMs = 10_000,
  now = Date.now,
}: RecoverFromServerParameters): Promise<WalletSession> {
  const reader = first.kind === 'key' ? first : second.kind === 'key' ? second : undefined;
  if (!reader)
    throw new TrineError({
      code: 'invalid-input',
      message:
        'two passwords cannot find the wallet without the network: a password needs its salt, ' +
        'which is kept in the record; use the recovery phrase, a passkey or a device key as one of the two',
    });
  const options = { timeoutMs, now };
  const found = await readRecordByFactor(network.metadata, reader.factorKey, options);
  try {
    return await recoverOffline(found, first, second);
  } catch (err) {
    // The same key in several wallets: the other factor tells which one is meant.
    if (!notThisWallet(err) || found.others.length === 0) throw err;
    for (const P of found.others) {
      const other = await readRecordByFactor(network.metadata, reader.factorKey, { ...options, P });
      try {
        return await recoverOffline(other, first, second);
      } catch (inner) {
        if (!notThisWallet(inner)) throw inner;
      }
    }
    throw err;
  }
}
