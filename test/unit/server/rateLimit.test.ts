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

  it('a zero rate is a fixed budget per key that never refills', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 0, burst: 2 });
    expect([limit.take('t'), limit.take('t'), limit.take('t')]).toEqual([true, true, false]);
    vi.advanceTimersByTime(3_600_000);
    expect(limit.take('t')).toBe(false);
    expect(limit.has('t')).toBe(true);
    expect(limit.has('never-seen')).toBe(false);
  });

  it('holds at most maxKeys buckets under a flood of new keys', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 1, burst: 2, maxKeys: 100 });
    for (let i = 0; i < 2_000; i++) {
      limit.take(`flood-${i}`);
      expect(limit.size()).toBeLessThanOrEqual(100);
    }
  });

  it('a flood of new keys evicts idle keys, not the bucket a client is draining', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 0, burst: 3, maxKeys: 10 });
    expect([limit.take('drained'), limit.take('drained'), limit.take('drained')]).toEqual([true, true, true]);
    limit.take('idle');
    for (let i = 0; i < 50; i++) {
      limit.take(`flood-${i}`);
      expect(limit.take('drained')).toBe(false); // used again and again: kept, still empty
    }
    expect(limit.has('drained')).toBe(true);
    expect(limit.has('idle')).toBe(false); // least recently used: evicted
  });

  it('evicts buckets that refilled to the brim first (forgetting them changes nothing)', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 1, burst: 2, maxKeys: 4 });
    limit.take('old-but-empty', 2);
    for (const key of ['a', 'b', 'c']) limit.take(key);
    vi.advanceTimersByTime(1_000); // a, b, c are full again; old-but-empty holds one of two
    limit.take('new');
    expect(['old-but-empty', 'a', 'b', 'c', 'new'].map((k) => limit.has(k))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('a rate so low its burst is under one token still lets one request through, then waits', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limit = createRateLimiter({ perSecond: 0.1, burst: 0.4 });
    expect([limit.take('a'), limit.take('a')]).toEqual([true, false]);
    vi.advanceTimersByTime(10_000);
    expect(limit.take('a')).toBe(true);
  });
});
