/**
 * Create needs ≥ t fresh node attestations that P is not registered: Ed25519 signatures by
 * distinct nodes of the network configuration, `registered: false`, for this P, issued at
 * most 5 minutes ago (60 s of clock skew into the future). Each rejected attestation is
 * named in the error's details, so a client can tell a stale one from a forged one.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { ed25519VerifyBody } from '../../crypto/signature.ts';
import { TrineError } from '../../errors/index.ts';
import type { Attestation } from '../../protocol/formats.ts';
import type { MetadataContext } from '../context.ts';

export const ATTESTATION_MAX_AGE_MS = 5 * 60_000;
export const CLOCK_SKEW_MS = 60_000;

type Ctx = Pick<MetadataContext, 'network' | 'nodeKeys'>;

async function rejectReason(ctx: Ctx, P: string, a: Attestation, now: number): Promise<string | null> {
  const { body } = a;
  const key = ctx.nodeKeys.get(body.node);
  if (!key) return 'not a node of this network';
  if (body.P !== P) return 'for another P';
  if (body.registered) return 'says P is registered';
  if (body.issuedAt < now - ATTESTATION_MAX_AGE_MS) return 'older than 5 minutes';
  if (body.issuedAt > now + CLOCK_SKEW_MS) return 'issued in the future';
  const ok = await ed25519VerifyBody(key, body, fromHex(a.sig, 64, 'attestation.sig'));
  return ok ? null : 'bad signature';
}

export async function checkAttestations(
  ctx: Ctx,
  P: string,
  attestations: readonly Attestation[],
  now: number,
): Promise<void> {
  const reasons = await Promise.all(attestations.map((a) => rejectReason(ctx, P, a, now)));
  const valid = new Set<number>();
  const rejected: { node: number; reason: string }[] = [];
  attestations.forEach((a, i) => {
    const reason = reasons[i];
    if (reason) rejected.push({ node: a.body.node, reason });
    else valid.add(a.body.node); // distinct nodes: a repeated attestation counts once
  });
  const needed = ctx.network.threshold;
  if (valid.size >= needed) return;
  throw new TrineError({
    code: 'not-enough-nodes',
    status: 403,
    message: `${valid.size} valid node attestations that P is unregistered; ${needed} needed`,
    details: { valid: valid.size, needed, rejected },
  });
}
