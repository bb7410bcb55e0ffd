/**
 * Rate limits per user (P), on top of the per-address limit of the HTTP kit. Two budgets:
 * - `checkVerifiedUserRate`: signed reads, writes and reads by factor, charged only after
 *   the request's signature verified (routes/read.ts, write.ts, readByFactor.ts), so
 *   whoever merely knows P cannot spend the owner's budget: a forged request costs only its
 *   sender's address;
 * - `checkUserRate`: creates (routes/create.ts), kept apart so that create attempts for a
 *   P, proven or not, never spend the owner's reads and writes.
 */
import { TrineError } from '../../errors/index.ts';
import type { MetadataContext } from '../context.ts';

export function checkUserRate(ctx: MetadataContext, P: string): void {
  take(ctx, P);
}

export function checkVerifiedUserRate(ctx: MetadataContext, P: string): void {
  take(ctx, `verified:${P}`);
}

function take(ctx: MetadataContext, key: string): void {
  if (ctx.userLimiter && !ctx.userLimiter.take(key))
    throw new TrineError({ code: 'rate-limited', message: 'too many requests for this record' });
}
