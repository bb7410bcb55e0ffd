/**
 * The node's login budgets (issue 19, item 4): a replayed id token spends its own budget
 * only, never the identity's budget of fresh logins; fresh logins are limited per identity.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLoginLimiter, TOKEN_USES } from '../../../src/node/loginLimiter.ts';

const attempt = (admit: () => void): string => {
  try {
    admit();
    return 'ok';
  } catch (error) {
    return `${(error as { code: string }).code}:${(error as { details: { scope: string } }).details.scope}`;
  }
};

describe('createLoginLimiter', () => {
  afterEach(() => vi.useRealTimers());

  it('lets one token make TOKEN_USES requests, then refuses it, for good', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = createLoginLimiter({ freshLoginsPerSecond: 1 });
    const results = Array.from({ length: TOKEN_USES + 2 }, () =>
      attempt(() => limiter.admit('P', 'captured')),
    );
    expect(results).toEqual([
      ...Array(TOKEN_USES).fill('ok'),
      'rate-limited:id-token',
      'rate-limited:id-token',
    ]);
    vi.advanceTimersByTime(3_600_000);
    expect(attempt(() => limiter.admit('P', 'captured'))).toBe('rate-limited:id-token');
  });

  it('a replayed token, however often, does not spend the fresh logins of its identity', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = createLoginLimiter({ freshLoginsPerSecond: 0.1 }); // burst: one fresh login
    for (let i = 0; i < 100; i++) attempt(() => limiter.admit('victim', 'captured'));
    vi.advanceTimersByTime(10_000); // one fresh login back
    expect(attempt(() => limiter.admit('victim', 'fresh-login'))).toBe('ok');
    expect(attempt(() => limiter.admit('victim', 'fresh-login'))).toBe('ok'); // same login, next request
  });

  it('limits fresh logins (distinct tokens) per identity, and identities apart', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = createLoginLimiter({ freshLoginsPerSecond: 0.3 }); // burst 3
    const fresh = [1, 2, 3, 4].map((i) => attempt(() => limiter.admit('busy', `token-${i}`)));
    expect(fresh).toEqual(['ok', 'ok', 'ok', 'rate-limited:identity']);
    expect(attempt(() => limiter.admit('busy', 'token-1'))).toBe('ok'); // a seen token goes on
    expect(attempt(() => limiter.admit('calm', 'token-9'))).toBe('ok');
    vi.advanceTimersByTime(3_400);
    expect(attempt(() => limiter.admit('busy', 'token-4'))).toBe('ok'); // refused before: not recorded
  });

  it('a token pays its identity once, the first time this node sees it', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = createLoginLimiter({ freshLoginsPerSecond: 0.1, tokenUses: 50 });
    expect(attempt(() => limiter.admit('P', 'a'))).toBe('ok');
    for (let i = 0; i < 40; i++) expect(attempt(() => limiter.admit('P', 'a'))).toBe('ok');
    expect(attempt(() => limiter.admit('P', 'b'))).toBe('rate-limited:identity');
  });
});
