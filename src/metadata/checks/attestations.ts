/**
 * Create needs the record's creation proof (protocol/creation.ts): ≥ t fresh node
 * attestations that P is unregistered, each binding the login's candidate metadata key to
 * the record's M, issued at most 5 minutes ago (60 s of clock skew into the future), and
 * m's authorization of the first dealing. Each rejected attestation is named in the
 * error's details, so a client can tell a stale one from a forged one.
 */
import { checkCreationAttestations, checkDealingAuthorization } from '../../protocol/creation.ts';
import type { MetadataRecord } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';
import type { MetadataContext } from '../context.ts';

export const ATTESTATION_MAX_AGE_MS = 5 * 60_000;
export const CLOCK_SKEW_MS = 60_000;

export async function checkCreation(
  ctx: Pick<MetadataContext, 'network'>,
  record: MetadataRecord,
  now: number,
): Promise<void> {
  await checkCreationAttestations(
    ctx.network,
    { P: record.P, M: record.meta.M },
    record.creation.attestations,
    { now, maxAgeMs: ATTESTATION_MAX_AGE_MS, skewMs: CLOCK_SKEW_MS },
  );
  checkDealingAuthorization(
    record.meta.M,
    record.dealing,
    dealingHash(record.dealing),
    record.creation.authorization,
  );
}
