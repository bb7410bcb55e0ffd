/**
 * The connection each page's content script opens to the background (`runtime.connect`
 * with this name) and what travels on it. One connection per frame's document: the
 * background knows the page by it (filters and subscriptions are the page's, and go when
 * the connection closes with the page), and pushes the page's `message` events on it.
 */
import * as v from 'valibot';
import type { ProviderResponse } from './rpc.ts';

export const PAGE_PORT_NAME = 'trine-page';

/** Content script → background: request `id` of this page. */
export const PortRequest = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  request: v.unknown(),
});
export type PortRequest = v.InferOutput<typeof PortRequest>;

/** Background → content script: the answer to `id`, or a `message` event (subscription data). */
export type PortMessage = { id: number; response: ProviderResponse } | { event: 'message'; data: unknown };

export const PortMessage = v.union([
  v.strictObject({ id: v.number(), response: v.unknown() }),
  v.strictObject({ event: v.literal('message'), data: v.unknown() }),
]);
