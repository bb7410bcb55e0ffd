/**
 * One provider request in, one EIP-1193 answer out: find the method, run it, turn any
 * failure into `{ error: { code, message } }`. Never throws.
 */
import { ProviderErrorCode, providerError } from '../../messages/providerErrors.ts';
import type { ProviderRequest, ProviderResponse } from '../../messages/rpc.ts';
import { toProviderErrorData } from './errors.ts';
import { methodHandler } from './rpc/index.ts';
import { REFUSED_METHODS } from './rpc/refused.ts';
import type { DappContext, DappServices } from './services.ts';

export async function dispatchProviderRequest(
  request: ProviderRequest,
  context: DappContext,
  services: DappServices,
): Promise<ProviderResponse> {
  const handler = methodHandler(request.method);
  if (handler === undefined)
    return {
      error: providerError(
        ProviderErrorCode.unsupportedMethod,
        REFUSED_METHODS.get(request.method) ?? `Trine does not support ${request.method}`,
      ),
    };
  try {
    return { result: await handler(request.params, context, services) };
  } catch (error) {
    return { error: toProviderErrorData(error) };
  }
}
