/**
 * Which installs a node accepts over what it holds (PROTOCOL.md):
 * - nothing stored: any epoch with its receipt;
 * - same epoch, same dealing: idempotent (ack again, change nothing);
 * - same epoch, another dealing, or a lower epoch: 409 stale-epoch;
 * - higher epoch: only with `authorization`, an ECDSA signature by the user's metadata key m
 *   (the stored M) over { kind:'dealing-authorization', P, epoch, dealingHash }, and K, M
 *   unchanged: a refresh keeps the secrets, only the polynomials change.
 */
import { fromHex } from '../../crypto/bytes.ts';
import { ecdsaVerifyBody } from '../../crypto/signature.ts';
import { invalidInput, TrineError } from '../../errors/index.ts';
import type { Dealing } from '../../protocol/formats.ts';
import type { NodeRecord } from '../record.ts';

export type EpochDecision = 'install' | 'already-installed';

export function decideEpoch(
  stored: NodeRecord | undefined,
  dealing: Dealing,
  hash: string,
  authorization: string | undefined,
): EpochDecision {
  if (!stored) return 'install';
  if (dealing.epoch === stored.epoch) {
    if (hash === stored.dealingHash) return 'already-installed';
    throw new TrineError({
      code: 'stale-epoch',
      message: `another dealing is installed for epoch ${stored.epoch}`,
      details: { epoch: stored.epoch },
    });
  }
  if (dealing.epoch < stored.epoch)
    throw new TrineError({
      code: 'stale-epoch',
      message: `epoch ${dealing.epoch} is older than the installed epoch ${stored.epoch}`,
      details: { epoch: stored.epoch },
    });
  if (dealing.tss.K !== stored.K || dealing.meta.M !== stored.M)
    throw invalidInput('dealing', 'a new epoch must keep K and M');
  if (!authorization)
    throw new TrineError({
      code: 'bad-signature',
      message: `replacing epoch ${stored.epoch} needs an authorization signed by the metadata key`,
    });
  const body = { kind: 'dealing-authorization', P: dealing.P, epoch: dealing.epoch, dealingHash: hash };
  if (!ecdsaVerifyBody(fromHex(stored.M, 33), body, fromHex(authorization, 64)))
    throw new TrineError({ code: 'bad-signature', message: 'authorization: not signed by the metadata key' });
  return 'install';
}
