/**
 * POST /v1/records/read: the record, its version and the receipt of its current dealing.
 *   parse → user rate → load by P (404 if absent) → ±60 s window and ECDSA by g(1) → 200
 */
import { TrineError } from '../../errors/index.ts';
import { ReadRequest } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { checkReadSignature } from '../checks/readSignature.ts';
import { checkUserRate } from '../checks/userRate.ts';
import type { MetadataContext } from '../context.ts';

export const readRoute = (ctx: MetadataContext): Route => ({
  method: 'POST',
  path: '/v1/records/read',
  name: 'read',
  async handler({ body }) {
    const request = parse(ReadRequest, body, 'read');
    checkUserRate(ctx, request.request.P);
    const stored = await ctx.store.get(request.request.P);
    if (!stored) throw new TrineError({ code: 'record-not-found', message: 'no record for this P' });
    checkReadSignature(ctx.verifyUserSignature, stored.record, request, ctx.now());
    return { status: 200, body: { version: stored.version, record: stored.record, receipt: stored.receipt } };
  },
});
