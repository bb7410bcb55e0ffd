/**
 * POST /v1/records/create: create-if-absent of a user record.
 *   parse → size → first-record rules and dealing → signature by m (record.meta.M,
 *   expectedVersion 0) → the creation proof: ≥ t node attestations that P is unregistered,
 *   binding this M to a login of the user, and m's authorization of the dealing → the
 *   per-P budget (only proven creates spend it; unproven ones cost their sender's address) → receipt
 *   → store.create (exactly one creator per P) → 201 { version: 1, receipt }
 * A loser gets 409 already-registered with the winner's dealing, receipt and creation
 * proof, so it can check the winner and relay the dealing to nodes that missed it.
 */

import { CreateRequest } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { checkCreation } from '../checks/attestations.ts';
import { checkFirstRecord } from '../checks/firstRecord.ts';
import { checkRecordSize } from '../checks/recordSize.ts';
import { checkUserRate } from '../checks/userRate.ts';
import { checkWriteSignature } from '../checks/writeSignature.ts';
import type { MetadataContext } from '../context.ts';
import { signReceipt } from '../receipt.ts';

export const createRoute = (ctx: MetadataContext): Route => ({
  method: 'POST',
  path: '/v1/records/create',
  name: 'create',
  async handler({ body }) {
    const { record, signature } = parse(CreateRequest, body, 'create');
    checkRecordSize(record);
    checkFirstRecord(ctx.network, record);
    checkWriteSignature(ctx.verifyUserSignature, record.meta.M, record, 0, signature);
    const now = ctx.now();
    await checkCreation(ctx, record, now);
    // Only a create bound to a login of this user spends P's budget: anyone can sign a
    // record with an m of their own, so charging earlier would let them block the user.
    checkUserRate(ctx, record.P);
    const receipt = await signReceipt(ctx.receiptSigner, record, 1, now);
    const result = await ctx.store.create(record, receipt);
    if (!result.created) {
      ctx.metrics.count('create_lost');
      return {
        status: 409,
        body: {
          error: { code: 'already-registered', message: 'P is already registered: use its dealing' },
          dealing: result.existing.record.dealing,
          receipt: result.existing.receipt,
          creation: result.existing.record.creation,
        },
      };
    }
    ctx.metrics.count('records_created');
    return { status: 201, body: { version: 1, receipt } };
  },
});
