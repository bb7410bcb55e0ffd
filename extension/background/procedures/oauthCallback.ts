import browser from 'webextension-polyfill';
import { invalidInput } from '../../../src/errors/index.ts';
import { deliverRedirect } from '../../../src/extension/browser/authChannel.ts';
import {
  type OAuthCallbackMessage,
  OAuthCallbackParams,
  type OAuthCallbackReply,
} from '../../../src/messages/index.ts';
import { parse } from '../../../src/protocol/parse.ts';
import { putCallback, takeCallback } from '../oauthStore.ts';

/**
 * `pages/callback.html` hands over the URL the provider redirected to. Parameters may come
 * in the query (code flow) or the fragment (implicit flow); a parameter given twice is
 * rejected (RFC 6749 §3.1), as is any URL other than our callback page.
 */
export async function oauthCallback(message: OAuthCallbackMessage): Promise<OAuthCallbackReply> {
  const url = new URL(message.url);
  const page = browser.runtime.getURL('pages/callback.html');
  if (url.origin + url.pathname !== page)
    throw invalidInput('callback.url', 'not the extension callback page');
  const raw: Record<string, string> = {};
  for (const [name, value] of [...url.searchParams, ...new URLSearchParams(url.hash.slice(1))]) {
    if (name in raw) throw invalidInput(`callback.${name}`, 'given more than once');
    raw[name] = value;
  }
  const params = parse(OAuthCallbackParams, raw, 'callback');
  if (params.code === undefined && params.id_token === undefined && params.error === undefined) {
    throw invalidInput('callback', 'carries neither code, id_token nor error');
  }
  await putCallback(params);
  // A sign-in of the wallet service waiting in this worker takes it at once (tab channel).
  if (deliverRedirect(params.state, message.url)) await takeCallback(params.state);
  return { ok: true, state: params.state, providerError: params.error ?? null };
}
