/**
 * Registration at first login (ARCHITECTURE §4). The nodes said "unknown"; the wallet asks
 * every node for a fresh attestation (which binds this login's candidate metadata key and
 * names the node's inbox key), takes m = the login's candidate key and draws k, seals a
 * share to each chosen factor, deals the network share to the nodes' inboxes, and creates
 * the record (create-if-absent) carrying its creation proof: the attestations and m's
 * authorization of the dealing. Only then are the nodes given their part, with the
 * metadata server's receipt.
 *
 * Exactly one creator wins per identity. A loser checks that the winner's record is bound
 * to a login of this same user (its creation proof) before it relays the winner's dealing,
 * so the account works for everyone at once; it is then told (`already-registered`) and
 * continues as a new device with a factor of the existing wallet. A winner that cannot
 * prove such a login (a record made by whoever saw a login's requests, or by the metadata
 * operator) is refused with `creation-unproven` and never relayed.
 *
 * The caller must have persisted any device factor key BEFORE calling: once the record is
 * created, that key is what the next login needs.
 */
import { toHex } from '../../crypto/bytes.ts';
import { factorPublicKey } from '../../crypto/factors/keys.ts';
import { isTrineError, TrineError } from '../../errors/index.ts';
import { checkCreationAttestations, checkDealingAuthorization } from '../../protocol/creation.ts';
import type { Creation, Dealing, FactorEntry, MetadataRecord, Receipt } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';
import type { Login, WalletBackend } from '../backend.ts';
import { buildDealing } from '../dealing.ts';
import { sealFactorShare } from '../factorShare.ts';
import type { FactorEnrolment } from '../factors.ts';
import { commitmentsOf, drawMaterial, shareAt } from '../material.ts';
import { emptyPrivatePart, type PrivatePart, sealPrivatePart } from '../privatePart.ts';
import type { Progress } from '../progress.ts';
import { WalletSession } from '../session.ts';
import { authorizeDealing, signRecordWrite } from '../write.ts';

export type RegisterParameters = {
  backend: WalletBackend;
  login: Login;
  factors: FactorEnrolment[];
  onProgress?: ((p: Progress) => void) | undefined;
  now?: () => number;
};

export async function register({
  backend,
  login,
  factors,
  onProgress,
  now = Date.now,
}: RegisterParameters): Promise<WalletSession> {
  if (factors.length === 0)
    throw new TrineError({ code: 'invalid-input', message: 'choose at least one factor' });
  onProgress?.({ step: 'create' });
  const { attestations } = await backend.attest(login);
  const Ps = new Set(attestations.map((a) => a.body.P));
  if (Ps.size !== 1)
    throw new TrineError({ code: 'invalid-input', message: 'attestations name different users' });
  const P = [...Ps][0]!;

  // m is the login's candidate key: the nodes' attestations bind its M to this login.
  const material = { ...drawMaterial(), m: login.candidate.m };
  const c = commitmentsOf(material);
  const epoch = 1;
  const privatePart: PrivatePart = emptyPrivatePart();
  const entries: FactorEntry[] = factors.map((factor, i) => {
    const index = 2 + i;
    const pub = toHex(factorPublicKey(factor.factorKey));
    privatePart.factors[pub] = {
      label: factor.label,
      createdAt: now(),
      ...(factor.credentialId ? { credentialId: factor.credentialId } : {}),
    };
    return {
      pub,
      index,
      type: factor.type,
      ...(factor.salt ? { salt: toHex(factor.salt) } : {}),
      sealed: sealFactorShare(P, epoch, index, pub, shareAt(material, index)),
    };
  });
  const dealing = await buildDealing(backend.network, P, epoch, material, attestations);
  const creation: Creation = {
    attestations: attestations.filter((a) => !a.body.registered),
    authorization: authorizeDealing(material.m, dealing),
  };
  const record: MetadataRecord = {
    v: 1,
    P,
    epoch,
    tss: { K: c.K, A1: c.A1 },
    meta: { M: c.M, B1: c.B1 },
    factors: entries,
    nextIndex: 2 + entries.length,
    private: sealPrivatePart(material.m, P, privatePart),
    dealing,
    creation,
  };

  let created: { version: number; receipt: Receipt };
  try {
    created = await backend.createRecord({ record, signature: signRecordWrite(material.m, record, 0) });
  } catch (err) {
    if (isTrineError(err, 'already-registered')) await relayWinner(backend, login, P, err.details);
    throw err;
  }

  const total = backend.network.nodes.length;
  onProgress?.({ step: 'install', acked: 0, needed: backend.network.threshold, total });
  const installed = await backend.installDealing(login, dealing, created.receipt, {
    authorization: creation.authorization,
    creation,
  });
  onProgress?.({ step: 'install', acked: installed.acks.length, needed: backend.network.threshold, total });
  onProgress?.({ step: 'done' });
  return new WalletSession(material, { version: created.version, record, receipt: created.receipt });
}

/**
 * Give the nodes the winner's dealing so the existing wallet is reachable, once its
 * creation proof shows it was made by a login of this user (≥ t node attestations binding
 * its M, and m's authorization of its first dealing).
 */
async function relayWinner(
  backend: WalletBackend,
  login: Login,
  P: string,
  details: Record<string, unknown> | undefined,
): Promise<void> {
  const dealing = details?.dealing as Dealing | undefined;
  const receipt = details?.receipt as Receipt | undefined;
  const creation = details?.creation as Creation | undefined;
  if (!dealing || !receipt || !creation) return;
  if (dealing.P !== P)
    throw new TrineError({ code: 'creation-unproven', message: 'the registered wallet is for another user' });
  await checkCreationAttestations(backend.network, { P, M: dealing.meta.M }, creation.attestations);
  // Only the first dealing is authorised by the creation itself; a later one was already
  // installed by the winner's own (authorised) refresh.
  if (dealing.epoch !== 1) return;
  checkDealingAuthorization(dealing.meta.M, dealing, dealingHash(dealing), creation.authorization);
  try {
    await backend.installDealing(login, dealing, receipt, {
      authorization: creation.authorization,
      creation,
    });
  } catch {
    // the winner may be installing it right now; the next login relays again if needed
  }
}
