/**
 * A refresh (ARCHITECTURE §4, proactive security): the same k and m on new lines.
 *   1. fresh attestations of every node: the inbox keys the new dealing is sealed to;
 *   2. new slopes a₁′, b₁′; epoch e+1; new shares for every kept factor (same indices) and
 *      a new dealing D′;
 *   3. CAS-write the record with `previous` (epoch e, kept factors) → receipt;
 *   4. install D′ on the nodes (receipt + m's authorisation + creation proof); each drops
 *      epoch e and the inbox it used;
 *   5. CAS-write the record without `previous`.
 * Removing a factor is a refresh that keeps every factor but one (removeFactor.ts); a login
 * that finds a node unable to open the current dealing (its inbox is gone: a lost or
 * restored store) refreshes with every factor kept, so that node gets a part again.
 * The record is read first and the inboxes fetched after it, so a concurrent refresh from
 * another device either shows in that read (`previous`, refused here) or loses the CAS.
 * A crash after 3 or 4 is finished by the next login (maintenance.ts).
 */
import { TrineError } from '../../errors/index.ts';
import type { MetadataRecord } from '../../protocol/formats.ts';
import type { Login, WalletBackend } from '../backend.ts';
import { buildDealing } from '../dealing.ts';
import { sealFactorShare } from '../factorShare.ts';
import { commitmentsOf, refreshMaterial, shareAt } from '../material.ts';
import { openPrivatePart, sealPrivatePart } from '../privatePart.ts';
import type { Progress } from '../progress.ts';
import type { WalletSession } from '../session.ts';
import { authorizeDealing, networkG, signRecordWrite, withoutPrevious } from '../write.ts';

export type RefreshSharesParameters = {
  backend: WalletBackend;
  login: Login;
  session: WalletSession;
  /** The factor (public key) the new epoch leaves out; none: every factor is kept. */
  remove?: string;
  onProgress?: ((p: Progress) => void) | undefined;
};

export async function refreshShares({
  backend,
  login,
  session,
  remove,
  onProgress,
}: RefreshSharesParameters): Promise<void> {
  onProgress?.({ step: 'refresh' });
  const old = session.material();
  // Start from the latest record: no lost update of a concurrent add.
  const current = await backend.readRecord(session.P, networkG(old));
  const { record } = current;
  if (record.previous)
    throw new TrineError({
      code: 'version-conflict',
      message: 'a refresh is still in progress: sign in again first',
      status: 409,
    });
  if (remove !== undefined && !record.factors.some((f) => f.pub === remove))
    throw new TrineError({ code: 'invalid-input', message: 'this factor is not part of the wallet' });
  const remaining = record.factors.filter((f) => f.pub !== remove);
  if (remaining.length === 0)
    throw new TrineError({
      code: 'invalid-input',
      message: 'the last factor cannot be removed: add another first',
    });

  // Fresh inbox keys of every reachable node: the new dealing is sealed to them.
  const { attestations } = await backend.attest(login);
  const next = refreshMaterial(old);
  const epoch = record.epoch + 1;
  const c = commitmentsOf(next);
  const privatePart = openPrivatePart(old.m, record.P, record.private);
  if (remove !== undefined) delete privatePart.factors[remove];
  const refreshed: MetadataRecord = {
    ...record,
    epoch,
    tss: { K: c.K, A1: c.A1 },
    meta: { M: c.M, B1: c.B1 },
    factors: remaining.map((f) => ({
      ...f,
      sealed: sealFactorShare(record.P, epoch, f.index, f.pub, shareAt(next, f.index)),
    })),
    private: sealPrivatePart(old.m, record.P, privatePart),
    dealing: await buildDealing(backend.network, record.P, epoch, next, attestations),
    previous: {
      epoch: record.epoch,
      tss: { A1: record.tss.A1 },
      meta: { B1: record.meta.B1 },
      factors: remaining,
    },
  };

  onProgress?.({ step: 'write' });
  const written = await backend.writeRecord(
    refreshed,
    current.version,
    signRecordWrite(old.m, refreshed, current.version),
  );

  const total = backend.network.nodes.length;
  onProgress?.({ step: 'install', acked: 0, needed: backend.network.threshold, total });
  const installed = await backend.installDealing(login, refreshed.dealing, written.receipt, {
    authorization: authorizeDealing(old.m, refreshed.dealing),
    creation: record.creation,
  });
  onProgress?.({ step: 'install', acked: installed.acks.length, needed: backend.network.threshold, total });

  const finalRecord = withoutPrevious(refreshed);
  const done = await backend.writeRecord(
    finalRecord,
    written.version,
    signRecordWrite(old.m, finalRecord, written.version),
  );
  session.adoptRecord({ version: done.version, record: finalRecord, receipt: done.receipt }, next);
  onProgress?.({ step: 'done' });
}
