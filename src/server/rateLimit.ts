/**
 * Token-bucket rate limiter keyed by a string (an address, an identity). In-process:
 * each server process limits what reaches it; a load balancer in front adds its own.
 */
export type RateLimiter = { take(key: string, cost?: number): boolean };

export function createRateLimiter({
  perSecond,
  burst,
  maxKeys = 100_000,
}: {
  perSecond: number;
  burst: number;
  maxKeys?: number;
}): RateLimiter {
  burst = Math.max(1, burst); // below one token nothing would ever pass
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, cost = 1) {
      const now = Date.now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.clear(); // bounded memory under a flood of new keys
        b = { tokens: burst, at: now };
        buckets.set(key, b);
      }
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
      b.at = now;
      if (b.tokens < cost) return false;
      b.tokens -= cost;
      return true;
    },
  };
}
