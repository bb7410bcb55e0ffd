import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../../src/server/rateLimit.ts';

describe('createRateLimiter', () => {
  afterEach(() => vi.useRealTimers());

  it('lets a burst through, then refills at the rate, per key', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 2, burst: 3 });
    expect([1, 2, 3, 4].map(() => limit.take('a'))).toEqual([true, true, true, false]);
    expect(limit.take('b')).toBe(true); // another key has its own bucket
    vi.advanceTimersByTime(500); // one token back
    expect([limit.take('a'), limit.take('a')]).toEqual([true, false]);
  });

  it('a rate so low its burst is under one token still lets one request through, then waits', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 0.1, burst: 0.4 });
    expect([limit.take('a'), limit.take('a')]).toEqual([true, false]);
    vi.advanceTimersByTime(10_000);
    expect(limit.take('a')).toBe(true);
  });
});
