/**
 * Two factors rebuild the key without the nodes (ARCHITECTURE §2): the user can leave with
 * their key even if the node network is gone. The record comes from this browser's cache
 * when one there opens with these factors (recoverOffline: nothing is asked of anyone),
 * otherwise from the metadata server, read with one factor key (recoverFromServer).
 *
 * The server's record wins over a cached one that failed: the cache may predate a factor
 * added elsewhere. Each call tries each record once; retrying passwords is the user's
 * decision and the metadata server's rate limit, never a loop here.
 *
 * @example
 * const session = await recoverWallet({
 *   db, network,
 *   first: { type: 'phrase', phrase },
 *   second: { type: 'password', password },
 * });
 */
import type { NetworkConfig } from '../config/network.ts';
import { isTrineError, TrineError } from '../errors/index.ts';
import type { FactorProofInput } from '../messages/wallet.ts';
import type { FactorProof } from '../wallet/factors.ts';
import { recoverFromServer } from '../wallet/flows/recoverFromServer.ts';
import { recoverOffline } from '../wallet/flows/recoverOffline.ts';
import type { WalletSession } from '../wallet/session.ts';
import type { CachedRecord, WalletDb } from './db.ts';
import { loadDeviceKey } from './deviceKey.ts';
import { proofFromInput } from './factorInput.ts';
import { getSetting } from './settings.ts';

export type RecoverWalletParameters = {
  db: WalletDb;
  network: NetworkConfig;
  first: FactorProofInput;
  second: FactorProofInput;
  /** Per-request timeout of the metadata call (ms). */
  timeoutMs?: number;
};

export async function recoverWallet(p: RecoverWalletParameters): Promise<WalletSession> {
  const { db, first, second } = p;
  if (JSON.stringify(first) === JSON.stringify(second))
    throw new TrineError({
      code: 'invalid-input',
      message: 'the same factor was given twice: two different factors of the wallet are needed',
    });
  const usesDevice = first.type === 'device' || second.type === 'device';
  const devicePs = usesDevice ? await db.getAllKeys('deviceKeys') : [];
  if (usesDevice && devicePs.length === 0) throw noDeviceKey();

  let cacheError: unknown = null;
  for (const cached of await cachedRecords(db)) {
    if (usesDevice && !devicePs.includes(cached.P)) continue; // the device key is not of this wallet
    try {
      const state = { version: cached.version, record: cached.record, receipt: cached.receipt };
      return await withProofs(db, cached.P, first, second, (a, b) => recoverOffline(state, a, b));
    } catch (err) {
      if (isTrineError(err, 'invalid-input')) throw err;
      cacheError = err; // not this wallet, or a factor added since: ask the server
    }
  }

  let serverError: unknown = null;
  for (const P of usesDevice ? devicePs : [undefined]) {
    try {
      return await withProofs(db, P, first, second, (a, b) =>
        recoverFromServer({ network: p.network, first: a, second: b, timeoutMs: p.timeoutMs ?? 10_000 }),
      );
    } catch (err) {
      if (isTrineError(err, 'network-unreachable')) throw cacheError ?? unreachable(err);
      if (isTrineError(err, 'record-not-found')) serverError = notFound(err);
      else if (isTrineError(err, 'factor-not-recognised') || isTrineError(err, 'wrong-password'))
        serverError = err;
      else throw err;
    }
  }
  throw serverError;
}

/** This browser's cached records, the wallet last used here first. */
async function cachedRecords(db: WalletDb): Promise<CachedRecord[]> {
  const last = await getSetting(db, 'lastWallet');
  const all = await db.getAll('records');
  return all.sort((x, y) => Number(y.P === last?.P) - Number(x.P === last?.P) || y.cachedAt - x.cachedAt);
}

/**
 * Derive both proofs for wallet P (a device key is per wallet), key proofs first: a key
 * that is not in a record fails at once, before a password costs an argon2id run.
 */
async function withProofs<T>(
  db: WalletDb,
  P: string | undefined,
  first: FactorProofInput,
  second: FactorProofInput,
  use: (a: FactorProof, b: FactorProof) => Promise<T>,
): Promise<T> {
  const device = async () => (P === undefined ? null : loadDeviceKey(db, P));
  const proofs: FactorProof[] = [];
  try {
    proofs.push(await proofFromInput(first, device));
    proofs.push(await proofFromInput(second, device));
    proofs.sort((x, y) => Number(y.kind === 'key') - Number(x.kind === 'key'));
    return await use(proofs[0]!, proofs[1]!);
  } finally {
    for (const proof of proofs) if (proof.kind === 'key') proof.factorKey.fill(0);
  }
}

const noDeviceKey = () =>
  new TrineError({
    code: 'factor-not-recognised',
    message: 'this browser holds no device key: choose another factor',
    status: 401,
  });

const unreachable = (cause: unknown) =>
  new TrineError({
    code: 'network-unreachable',
    message:
      'the metadata server cannot be reached and this browser holds no copy of a wallet these factors open: try again when it answers',
    cause,
  });

const notFound = (cause: unknown) =>
  new TrineError({
    code: 'record-not-found',
    message: 'no wallet holds this factor: it was never added to a wallet, or it has been removed',
    cause,
  });
