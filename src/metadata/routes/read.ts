/**
 * POST /v1/records/read: the record, its version and the receipt of its current dealing.
 *   parse → load by P (404 if absent) → ±60 s window and ECDSA by g(1) → user rate → 200
 * The per-P budget is charged only once the signature verifies: an unsigned or forged read
 * costs its sender's address (the HTTP kit's limit) and nothing of the owner's budget.
 */
import { TrineError } from '../../errors/index.ts';
import { ReadRequest } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { checkReadSignature } from '../checks/readSignature.ts';
import { checkVerifiedUserRate } from '../checks/userRate.ts';
import type { MetadataContext } from '../context.ts';

export const readRoute = (ctx: MetadataContext): Route => ({
  method: 'POST',
  path: '/v1/records/read',
  name: 'read',
  async handler({ body }) {
    const request = parse(ReadRequest, body, 'read');
    const stored = await ctx.store.get(request.request.P);
    if (!stored) throw new TrineError({ code: 'record-not-found', message: 'no record for this P' });
    checkReadSignature(ctx.verifyUserSignature, stored.record, request, ctx.now());
    checkVerifiedUserRate(ctx, request.request.P);
    return { status: 200, body: { version: stored.version, record: stored.record, receipt: stored.receipt } };
  },
});
