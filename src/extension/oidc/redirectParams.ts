/**
 * The parameters of the redirect back to us (RFC 6749 §4.1.2): from the query or the
 * fragment, each at most once, `state` equal to ours; a provider `error` becomes a
 * TrineError the user can act on.
 */

import { invalidInput, TrineError } from '../../errors/index.ts';
import { OAuthCallbackParams } from '../../messages/internal.ts';
import { parse } from '../../protocol/parse.ts';

export function codeFromRedirect(redirect: string, expectedState: string): string {
  const url = new URL(redirect);
  const raw: Record<string, string> = {};
  for (const [name, value] of [...url.searchParams, ...new URLSearchParams(url.hash.slice(1))]) {
    if (name in raw) throw invalidInput(`redirect.${name}`, 'given more than once');
    raw[name] = value;
  }
  const params = parse(OAuthCallbackParams, raw, 'redirect');
  if (params.state !== expectedState) throw invalidInput('redirect.state', 'does not match this sign-in');
  if (params.error !== undefined) {
    const silent = ['login_required', 'interaction_required', 'consent_required'].includes(params.error);
    if (silent)
      throw new TrineError({
        code: 'sign-in-required',
        message: 'the provider needs you to sign in again',
        details: { why: 'provider', providerError: params.error },
      });
    throw new TrineError({
      code: 'token-rejected',
      message: `the provider did not sign you in (${params.error})`,
      details: { providerError: params.error },
      status: 401,
    });
  }
  if (params.code === undefined) throw invalidInput('redirect.code', 'missing');
  return params.code;
}
