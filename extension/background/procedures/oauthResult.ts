import { TrineError } from '../../../src/errors/index.ts';
import type { OAuthResultMessage, OAuthResultReply } from '../../../src/messages/index.ts';
import { takeCallback } from '../oauthStore.ts';

/** The page that started a login takes the provider's answer for its `state`, once. */
export async function oauthResult(message: OAuthResultMessage): Promise<OAuthResultReply> {
  const params = await takeCallback(message.state);
  if (params === undefined) {
    throw new TrineError({ code: 'record-not-found', message: 'no authorization response for this state' });
  }
  return { ok: true, params };
}
