/**
 * The creation proof of a record (formats.ts `Creation`), checked the same way by the
 * metadata server (create), by every node (an install for a user it holds nothing of) and
 * by a client that lost a registration race (before it relays the winner's dealing):
 *   - `checkCreationAttestations`: ≥ t attestations by distinct nodes of the network,
 *     Ed25519-valid, for this P, saying P was unregistered, each binding `candidateM` = M;
 *   - `checkDealingAuthorization`: ECDSA by that M over { kind:'dealing-authorization', P,
 *     epoch, dealingHash } (the creation's own `authorization` covers the epoch-1 dealing).
 * The token nonce fixes candidateM, and only the login's client holds m: so the record was
 * made by a login of this user, not by whoever saw that login's requests.
 * Both throw `creation-unproven` (details name each rejected attestation and why).
 */
import { fromHex } from '../crypto/bytes.ts';
import { ecdsaVerifyBody, ed25519VerifyBody } from '../crypto/signature.ts';
import { TrineError } from '../errors/index.ts';
import type { Attestation, Creation } from './formats.ts';

export type CreationContext = {
  threshold: number;
  /** Every node of the network: its index and Ed25519 signing key (hex), as in network.json. */
  nodes: readonly { index: number; signingKey: string }[];
};

/** What the proof is about: the user and its metadata key. */
export type CreationSubject = { P: string; M: string };

export type RejectedAttestation = { node: number; reason: string };

/** Extra rule for fresh creates: an attestation's age window (the metadata server's create). */
export type AttestationWindow = { now: number; maxAgeMs: number; skewMs: number };

async function rejectReason(
  keys: ReadonlyMap<number, Uint8Array>,
  subject: CreationSubject,
  a: Attestation,
  window: AttestationWindow | undefined,
): Promise<string | null> {
  const { body } = a;
  const key = keys.get(body.node);
  if (!key) return 'not a node of this network';
  if (body.P !== subject.P) return 'for another P';
  if (body.registered) return 'says P is registered';
  if (body.candidateM !== subject.M) return "binds another login's metadata key";
  if (window && body.issuedAt < window.now - window.maxAgeMs) return 'too old';
  if (window && body.issuedAt > window.now + window.skewMs) return 'issued in the future';
  const ok = await ed25519VerifyBody(key, body, fromHex(a.sig, 64, 'attestation.sig'));
  return ok ? null : 'bad signature';
}

export async function checkCreationAttestations(
  ctx: CreationContext,
  subject: CreationSubject,
  attestations: Creation['attestations'],
  window?: AttestationWindow,
): Promise<void> {
  const keys = new Map(ctx.nodes.map((n) => [n.index, fromHex(n.signingKey, 32)]));
  const reasons = await Promise.all(attestations.map((a) => rejectReason(keys, subject, a, window)));
  const valid = new Set<number>();
  const rejected: RejectedAttestation[] = [];
  attestations.forEach((a, i) => {
    const reason = reasons[i];
    if (reason) rejected.push({ node: a.body.node, reason });
    else valid.add(a.body.node); // distinct nodes: a repeated attestation counts once
  });
  if (valid.size < ctx.threshold)
    throw new TrineError({
      code: 'creation-unproven',
      message: `${valid.size} valid node attestations bind this record to a login of its user; ${ctx.threshold} needed`,
      details: { valid: valid.size, needed: ctx.threshold, rejected },
    });
}

/** The metadata key M authorised this dealing (P, epoch, hash). */
export function checkDealingAuthorization(
  M: string,
  dealing: { P: string; epoch: number },
  dealingHash: string,
  authorization: string,
): void {
  const body = { kind: 'dealing-authorization', P: dealing.P, epoch: dealing.epoch, dealingHash };
  if (!ecdsaVerifyBody(fromHex(M, 33, 'M'), body, fromHex(authorization, 64, 'authorization')))
    throw new TrineError({
      code: 'creation-unproven',
      message: `the dealing of epoch ${dealing.epoch} is not authorised by the wallet's metadata key`,
    });
}
