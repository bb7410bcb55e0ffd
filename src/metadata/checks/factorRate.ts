/**
 * Rate limit per factor key for reads by factor, on top of the per-address limit of the
 * HTTP kit (and the per-P limit once the record is known). Shares the per-user buckets under
 * a `factor:` prefix: a factor key is one user's, like P. Charged only after the factor
 * key's signature verified (routes/readByFactor.ts): naming a key costs its owner nothing.
 */
import { TrineError } from '../../errors/index.ts';
import type { MetadataContext } from '../context.ts';

export function checkFactorRate(ctx: MetadataContext, factor: string): void {
  if (ctx.userLimiter && !ctx.userLimiter.take(`factor:${factor}`))
    throw new TrineError({ code: 'rate-limited', message: 'too many requests for this factor key' });
}
