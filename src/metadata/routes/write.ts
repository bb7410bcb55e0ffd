/**
 * POST /v1/records/write: compare-and-swap of a user record.
 *   parse → size → load by P (404) → ECDSA by the stored M → user rate → version check →
 *   what may change (keys, epoch, dealing, indices) → receipt (new epoch: a new one for
 *   the new dealing; same epoch: the stored one) → store CAS → 200 { version, receipt }
 * The per-P budget is charged only once the signature verifies: a forged write costs its
 * sender's address (the HTTP kit's limit) and nothing of the owner's budget.
 * A stale version, before or at the swap, is 409 version-conflict with the current version
 * and changes nothing.
 */
import { TrineError } from '../../errors/index.ts';
import { WriteRequest } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { checkRecordSize } from '../checks/recordSize.ts';
import { checkRecordUpdate } from '../checks/recordUpdate.ts';
import { checkVerifiedUserRate } from '../checks/userRate.ts';
import { checkVersion, versionConflict } from '../checks/version.ts';
import { checkWriteSignature } from '../checks/writeSignature.ts';
import type { MetadataContext } from '../context.ts';
import { signReceipt } from '../receipt.ts';

export const writeRoute = (ctx: MetadataContext): Route => ({
  method: 'POST',
  path: '/v1/records/write',
  name: 'write',
  async handler({ body }) {
    const { record, expectedVersion, signature } = parse(WriteRequest, body, 'write');
    checkRecordSize(record);
    const stored = await ctx.store.get(record.P);
    if (!stored) throw new TrineError({ code: 'record-not-found', message: 'no record for this P' });
    checkWriteSignature(ctx.verifyUserSignature, stored.record.meta.M, record, expectedVersion, signature);
    checkVerifiedUserRate(ctx, record.P);
    checkVersion(stored.version, expectedVersion);
    checkRecordUpdate(ctx.network, stored.record, record);
    const newEpoch = record.epoch !== stored.record.epoch;
    const receipt = newEpoch
      ? await signReceipt(ctx.receiptSigner, record, expectedVersion + 1, ctx.now())
      : stored.receipt;
    const result = await ctx.store.compareAndSwap(expectedVersion, record, receipt);
    if (!result.swapped) {
      ctx.metrics.count('write_conflicts');
      throw versionConflict(expectedVersion, result.currentVersion);
    }
    if (newEpoch) ctx.metrics.count('epochs_started');
    return { status: 200, body: { version: result.version, receipt } };
  },
});
