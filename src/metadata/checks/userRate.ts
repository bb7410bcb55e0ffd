/** Rate limit per user (P), on top of the per-address limit of the HTTP kit. */
import { TrineError } from '../../errors/index.ts';
import type { MetadataContext } from '../context.ts';

export function checkUserRate(ctx: MetadataContext, P: string): void {
  if (ctx.userLimiter && !ctx.userLimiter.take(P))
    throw new TrineError({ code: 'rate-limited', message: 'too many requests for this record' });
}
