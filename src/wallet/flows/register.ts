/**
 * Registration at first login (ARCHITECTURE §4). The nodes said "unknown" and attested
 * it; the wallet draws k and m, seals a share to each chosen factor, deals the network
 * share to the nodes, and creates the record (create-if-absent, proven by ≥ t attestations).
 * Only then are the nodes given their part, with the metadata server's receipt.
 *
 * Exactly one creator wins per identity. A loser is told (`already-registered`) after it
 * relays the winner's dealing to the nodes, so the account works for everyone at once; it
 * continues as a new device with a factor of the existing wallet.
 *
 * The caller must have persisted any device factor key BEFORE calling: once the record is
 * created, that key is what the next login needs.
 */
import { toHex } from '../../crypto/bytes.ts';
import { factorPublicKey } from '../../crypto/factors/keys.ts';
import { isTrineError, TrineError } from '../../errors/index.ts';
import type { Attestation, Dealing, FactorEntry, MetadataRecord, Receipt } from '../../protocol/formats.ts';
import type { Login, WalletBackend } from '../backend.ts';
import { buildDealing } from '../dealing.ts';
import { sealFactorShare } from '../factorShare.ts';
import type { FactorEnrolment } from '../factors.ts';
import { commitmentsOf, drawMaterial, shareAt } from '../material.ts';
import { emptyPrivatePart, type PrivatePart, sealPrivatePart } from '../privatePart.ts';
import type { Progress } from '../progress.ts';
import { WalletSession } from '../session.ts';
import { signRecordWrite } from '../write.ts';

export type RegisterParameters = {
  backend: WalletBackend;
  login: Login;
  /** The "unknown" attestations fetchNetworkShare returned (≥ t). */
  attestations: Attestation[];
  factors: FactorEnrolment[];
  onProgress?: ((p: Progress) => void) | undefined;
  now?: () => number;
};

export async function register({
  backend,
  login,
  attestations,
  factors,
  onProgress,
  now = Date.now,
}: RegisterParameters): Promise<WalletSession> {
  if (factors.length === 0)
    throw new TrineError({ code: 'invalid-input', message: 'choose at least one factor' });
  const Ps = new Set(attestations.map((a) => a.body.P));
  if (Ps.size !== 1)
    throw new TrineError({ code: 'invalid-input', message: 'attestations name different users' });
  const P = [...Ps][0]!;

  const material = drawMaterial();
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
  const dealing = await buildDealing(backend.network, P, epoch, material);
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
  };

  onProgress?.({ step: 'create' });
  let created: { version: number; receipt: Receipt };
  try {
    created = await backend.createRecord({
      record,
      attestations,
      signature: signRecordWrite(material.m, record, 0),
    });
  } catch (err) {
    if (isTrineError(err, 'already-registered')) await relayWinner(backend, login, err.details);
    throw err;
  }

  const total = backend.network.nodes.length;
  onProgress?.({ step: 'install', acked: 0, needed: backend.network.threshold, total });
  const installed = await backend.installDealing(login, dealing, created.receipt);
  onProgress?.({ step: 'install', acked: installed.acks.length, needed: backend.network.threshold, total });
  onProgress?.({ step: 'done' });
  return new WalletSession(material, { version: created.version, record, receipt: created.receipt });
}

/** Give the nodes the winner's dealing so the existing wallet is reachable. */
async function relayWinner(
  backend: WalletBackend,
  login: Login,
  details: Record<string, unknown> | undefined,
): Promise<void> {
  const dealing = details?.dealing as Dealing | undefined;
  const receipt = details?.receipt as Receipt | undefined;
  if (!dealing || !receipt) return;
  try {
    await backend.installDealing(login, dealing, receipt);
  } catch {
    // the winner may be installing it right now; the next login relays again if needed
  }
}
