/**
 * EIP-5792 request parameters, checked before anything is asked of the user or the chain:
 * the shape with valibot (-32602 naming the field), then what the EIP gives its own codes —
 * a capability Trine does not have and that is not marked `optional` (5700), more calls
 * than one approval shows (5740), atomic execution required (5760: an EOA sends one
 * transaction per call).
 */
import * as v from 'valibot';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { ProviderError } from '../errors.ts';
import {
  addressParam,
  bytesParam,
  chainIdParam,
  MAX_DATA_BYTES,
  paramsOf,
  quantityParam,
} from '../params.ts';

/** Calls one approval shows and sends, at most. */
export const MAX_CALLS = 10;
export const CALLS_VERSION = '2.0.0';

/** Capabilities: names to objects; `optional: true` ones a wallet may ignore (EIP-5792). */
const Capabilities = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(128)), v.looseObject({ optional: v.optional(v.boolean()) })),
  v.check((c) => Object.keys(c).length <= 32, 'too many capabilities'),
);

/** An id the dApp chose: any string up to 4096 characters (the EIP's bound). */
export const callsIdParam = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));

const Call = v.pipe(
  v.object({
    to: v.optional(v.nullable(addressParam)),
    data: v.optional(bytesParam(MAX_DATA_BYTES)),
    value: v.optional(quantityParam),
    capabilities: v.optional(Capabilities),
  }),
  v.check((c) => (c.to ?? null) !== null || (c.data ?? '0x') !== '0x', 'a call without `to` needs data'),
);

const SendCalls = v.object({
  version: v.pipe(
    v.string(),
    v.check((s) => s === CALLS_VERSION, `expected version "${CALLS_VERSION}"`),
  ),
  id: v.optional(callsIdParam),
  from: v.optional(addressParam),
  chainId: chainIdParam,
  atomicRequired: v.boolean(),
  calls: v.pipe(v.array(Call), v.minLength(1, 'expected at least one call'), v.maxLength(1000)),
  capabilities: v.optional(Capabilities),
});
export type SendCallsParam = v.InferOutput<typeof SendCalls>;

/** `wallet_sendCalls` params, checked; throws -32602, 5700, 5740 or 5760. */
export function sendCallsParam(params: unknown): SendCallsParam {
  const [request] = paramsOf(v.tuple([SendCalls]), params, 'wallet_sendCalls');
  const required = [
    ...requiredOf(request.capabilities),
    ...request.calls.flatMap((call) => requiredOf(call.capabilities)),
  ];
  if (required.length > 0)
    throw new ProviderError(
      ProviderErrorCode.unsupportedCapability,
      `wallet_sendCalls: Trine does not support the capability "${required[0]}" (mark it optional to send without it).`,
    );
  if (request.calls.length > MAX_CALLS)
    throw new ProviderError(
      ProviderErrorCode.batchTooLarge,
      `wallet_sendCalls: at most ${MAX_CALLS} calls in one batch (got ${request.calls.length}).`,
    );
  if (request.atomicRequired)
    throw new ProviderError(
      ProviderErrorCode.atomicityNotSupported,
      'wallet_sendCalls: atomicity not supported: Trine sends each call as its own transaction; send with atomicRequired: false.',
    );
  return request;
}

function requiredOf(capabilities: Record<string, { optional?: boolean | undefined }> | undefined): string[] {
  return Object.entries(capabilities ?? {}).flatMap(([name, c]) => (c.optional === true ? [] : [name]));
}
