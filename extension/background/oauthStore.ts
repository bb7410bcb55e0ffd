/**
 * Authorization responses waiting to be picked up, keyed by `state`. Kept in
 * `storage.session` (memory only, trusted contexts only) so a service-worker restart
 * between the redirect and the pick-up loses nothing; taken at most once; expire quickly.
 */
import browser from 'webextension-polyfill';
import type { OAuthCallbackParams } from '../../src/messages/index.ts';

const PREFIX = 'oauth-callback:';
/** An authorization code is only good for minutes anyway (RFC 6749 §4.1.2: at most 10). */
const TTL_MS = 5 * 60_000;

type Stored = { params: OAuthCallbackParams; storedAt: number };

export async function putCallback(params: OAuthCallbackParams): Promise<void> {
  await browser.storage.session.set({
    [PREFIX + params.state]: { params, storedAt: Date.now() } satisfies Stored,
  });
}

/** The parameters stored for `state`, removed as they are read; `undefined` if none or expired. */
export async function takeCallback(state: string): Promise<OAuthCallbackParams | undefined> {
  const key = PREFIX + state;
  const stored = (await browser.storage.session.get(key))[key] as Stored | undefined;
  await browser.storage.session.remove(key);
  if (stored === undefined || Date.now() - stored.storedAt > TTL_MS) return undefined;
  return stored.params;
}
