/**
 * Token-bucket rate limiter keyed by a string (an address, an identity, a token hash).
 * In-process: each server process limits what reaches it; a load balancer in front adds
 * its own.
 *
 * Memory is bounded by `maxKeys`. When a new key would exceed it, buckets refilled to the
 * brim are dropped first (such a bucket is the same as no bucket, so nothing is forgotten),
 * then, if that is not enough, the least recently used ones down to 90 % of `maxKeys`. A
 * flood of new keys therefore pushes out idle keys, never the bucket a client is draining
 * right now, and eviction runs at most once per `maxKeys / 10` new keys.
 */
export type RateLimiter = {
  /** Spends `cost` from `key`'s bucket; false (and nothing spent) when it holds less. */
  take(key: string, cost?: number): boolean;
  /** Whether `key` has a bucket (it was seen and not evicted since). */
  has(key: string): boolean;
  /** How many buckets are held. */
  size(): number;
};

type Bucket = { tokens: number; at: number };

export function createRateLimiter({
  perSecond,
  burst,
  maxKeys = 100_000,
}: {
  /** Refill rate; 0 = a fixed budget per key. */
  perSecond: number;
  burst: number;
  maxKeys?: number;
}): RateLimiter {
  burst = Math.max(1, burst); // below one token nothing would ever pass
  maxKeys = Math.max(1, Math.floor(maxKeys));
  const buckets = new Map<string, Bucket>(); // in order of last use: oldest first
  const refill = (b: Bucket, now: number) => {
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
  };
  const evict = (now: number) => {
    for (const [key, b] of buckets) {
      refill(b, now);
      if (b.tokens >= burst) buckets.delete(key);
    }
    let excess = buckets.size - Math.floor(maxKeys * 0.9);
    for (const key of buckets.keys()) {
      if (excess-- <= 0) break;
      buckets.delete(key);
    }
  };
  return {
    take(key, cost = 1) {
      const now = Date.now();
      let b = buckets.get(key);
      if (b)
        buckets.delete(key); // re-inserted below: most recently used last
      else {
        if (buckets.size >= maxKeys) evict(now);
        b = { tokens: burst, at: now };
      }
      buckets.set(key, b);
      refill(b, now);
      if (b.tokens < cost) return false;
      b.tokens -= cost;
      return true;
    },
    has: (key) => buckets.has(key),
    size: () => buckets.size,
  };
}
