/**
 * Messages from the extension's own pages (popup, full-tab pages) to the background, with
 * the reply each one gets. The background rejects them from any other sender.
 */
import * as v from 'valibot';
import type { TrineErrorCode } from '../errors/index.ts';

export const PingMessage = v.strictObject({ type: v.literal('ping') });
export type PingMessage = v.InferOutput<typeof PingMessage>;
export type PingReply = { ok: true; version: string };

/** The OAuth redirect landed on `pages/callback.html`; `url` is its full location. */
export const OAuthCallbackMessage = v.strictObject({
  type: v.literal('oauth-callback'),
  url: v.pipe(v.string(), v.maxLength(16_384), v.url()),
});
export type OAuthCallbackMessage = v.InferOutput<typeof OAuthCallbackMessage>;
export type OAuthCallbackReply = {
  ok: true;
  state: string;
  /** The provider's `error` (e.g. `access_denied`) when it refused, else null. */
  providerError: string | null;
};

/** Take (once) the callback parameters stored for `state`. */
export const OAuthResultMessage = v.strictObject({
  type: v.literal('oauth-result'),
  state: v.pipe(v.string(), v.minLength(8), v.maxLength(512)),
});
export type OAuthResultMessage = v.InferOutput<typeof OAuthResultMessage>;
export type OAuthResultReply = { ok: true; params: OAuthCallbackParams };

/** What an authorization response carries (RFC 6749 §4.1.2, OIDC Core §3.2.2.5, errors §4.1.2.1). */
export const OAuthCallbackParams = v.strictObject({
  state: v.pipe(v.string(), v.minLength(8), v.maxLength(512)),
  code: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  id_token: v.optional(v.pipe(v.string(), v.maxLength(16_384))),
  iss: v.optional(v.pipe(v.string(), v.url())),
  error: v.optional(v.pipe(v.string(), v.maxLength(256))),
  error_description: v.optional(v.pipe(v.string(), v.maxLength(1024))),
});
export type OAuthCallbackParams = v.InferOutput<typeof OAuthCallbackParams>;

export const InternalMessage = v.variant('type', [PingMessage, OAuthCallbackMessage, OAuthResultMessage]);
export type InternalMessage = v.InferOutput<typeof InternalMessage>;

/** Reply type for each internal message type. */
export type InternalReplies = {
  ping: PingReply;
  'oauth-callback': OAuthCallbackReply;
  'oauth-result': OAuthResultReply;
};

/** Every internal message can fail this way instead of its reply. */
export type InternalFailure = { ok: false; error: { code: TrineErrorCode; message: string } };
