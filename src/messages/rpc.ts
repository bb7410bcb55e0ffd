/**
 * Provider requests as they travel page → content script → service worker, and the
 * answers back. One definition: the content script and the background both parse with
 * these schemas; the in-page provider only imports the types.
 */
import * as v from 'valibot';
import { TO_CONTENT, type TO_INPAGE } from './channel.ts';

/** An EIP-1193 `request()` argument: a method name and optional positional or named params. */
export const ProviderRequest = v.strictObject({
  method: v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(128),
    v.regex(/^[A-Za-z0-9_]+$/, 'malformed method name'),
  ),
  params: v.optional(v.union([v.array(v.unknown()), v.record(v.string(), v.unknown())])),
});
export type ProviderRequest = v.InferOutput<typeof ProviderRequest>;

/** An EIP-1193 / JSON-RPC error as it crosses contexts (an `Error` does not survive cloning). */
export const ProviderErrorData = v.strictObject({
  code: v.pipe(v.number(), v.integer()),
  message: v.string(),
  data: v.optional(v.unknown()),
});
export type ProviderErrorData = v.InferOutput<typeof ProviderErrorData>;

export const ProviderResponse = v.union([
  v.strictObject({ result: v.unknown() }),
  v.strictObject({ error: ProviderErrorData }),
]);
export type ProviderResponse = { result: unknown } | { error: ProviderErrorData };

/** Page → content script. `id` pairs the answer with the pending promise. */
export const PageRequest = v.strictObject({
  target: v.literal(TO_CONTENT),
  id: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  request: v.unknown(),
});
export type PageRequest = { target: typeof TO_CONTENT; id: number; request: ProviderRequest };

/** Content script → page: the answer to request `id`, or an event when `id` is absent. */
export type PageMessage =
  | { target: typeof TO_INPAGE; id: number; response: ProviderResponse }
  | { target: typeof TO_INPAGE; event: string; data: unknown };

/** Content script → background. The origin is never part of it: the background takes it from the sender. */
export const RpcMessage = v.strictObject({ type: v.literal('rpc'), request: ProviderRequest });
export type RpcMessage = v.InferOutput<typeof RpcMessage>;

/** EIP-1193 events the background pushes to connected pages. */
export const PROVIDER_EVENTS = ['connect', 'disconnect', 'chainChanged', 'accountsChanged'] as const;
export type ProviderEventName = (typeof PROVIDER_EVENTS)[number];

/**
 * Background → content script (`tabs.sendMessage` to one tab, top frame): an event for
 * the page of `origin`. The content script drops it if its page has navigated to another
 * origin since (the background's tab list can be a step behind).
 */
export const ProviderEventMessage = v.strictObject({
  type: v.literal('provider-event'),
  origin: v.string(),
  event: v.picklist(PROVIDER_EVENTS),
  data: v.unknown(),
});
export type ProviderEventMessage = {
  type: 'provider-event';
  origin: string;
  event: ProviderEventName;
  data: unknown;
};
