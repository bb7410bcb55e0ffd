/**
 * What a screen says for an error: chosen by the code, with numbers and reasons from the
 * typed details (never parsed out of the message), and a sign-in offered where one helps.
 */
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../extension/shared/ui/errorText.ts';
import { TrineError } from '../../../src/errors/index.ts';

describe('errorText', () => {
  it('not-enough-nodes: the counts from the details, and the recovery offered', () => {
    const advice = errorText(
      new TrineError({
        code: 'not-enough-nodes',
        message: 'whatever the background said',
        details: { needed: 3, total: 5, usable: 2 },
      }),
    );
    expect(advice).toEqual({
      text: 'Too few key-holding nodes answered: only 2 of 5 nodes could be used, 3 are needed. Try again in a moment, or recover with two factors.',
      signInAgain: false,
      networkDown: true,
    });
  });

  it('weak-password: the rule that failed comes from details.problem, not from the message', () => {
    const { text } = errorText(
      new TrineError({
        code: 'weak-password',
        message: 'password too weak: this text is not shown',
        details: { problem: 'at least 12 characters' },
      }),
    );
    expect(text).toMatch(/^This password is too weak: at least 12 characters\. The operator/);
    expect(text).not.toContain('not shown');
  });

  it('sign-in-required: one code, the screen says why, and offers the sign-in', () => {
    const why = (w: 'no-login' | 'recovered' | 'provider') =>
      errorText(new TrineError({ code: 'sign-in-required', message: 'm', details: { why: w } }));
    expect(why('no-login')).toEqual({
      text: 'Sign in first (a sign-in is good for 5 minutes).',
      signInAgain: true,
    });
    expect(why('recovered')).toEqual({
      text: 'Recovered without the network: sign in to manage factors.',
      signInAgain: true,
    });
    expect(why('provider').text).toMatch(/provider asks you to sign in again/);
    expect(errorText(new TrineError({ code: 'token-expired', message: 'm' }))).toEqual({
      text: 'Your sign-in has expired. Sign in again.',
      signInAgain: true,
    });
  });

  it('the server refusals have their own sentence; a non-Trine error is named', () => {
    for (const code of ['forbidden', 'route-not-found', 'unsupported-media-type'] as const)
      expect(errorText(new TrineError({ code, message: 'no route POST /x' })).text).toBe(
        'A wallet server refused the request (no route POST /x). Nothing was changed; update the extension or try again later.',
      );
    expect(errorText(new Error('boom'))).toEqual({ text: 'Something went wrong: boom', signInAgain: false });
  });
});
