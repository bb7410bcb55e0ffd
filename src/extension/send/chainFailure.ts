/**
 * A chain node's refusal (a `ProviderError` from the chain RPC, possibly wrapped by viem) as
 * the `chain-error` a screen can show. Anything else — bad input, the locked wallet (4100) —
 * is passed on unchanged.
 */
import { TrineError } from '../../errors/index.ts';
import { ProviderErrorCode } from '../../messages/providerErrors.ts';
import { ProviderError } from '../dapp/errors.ts';
import type { Chain } from '../dapp/services.ts';

export function chainFailure(error: unknown, chain: Pick<Chain, 'chainId' | 'name'>, what?: string): unknown {
  const provider = findProviderError(error);
  if (provider === undefined || provider.code === ProviderErrorCode.unauthorized) return error;
  return new TrineError({
    code: 'chain-error',
    message: `${chain.name}: ${what === undefined ? '' : `${what}: `}${provider.message}`,
    details: { chainId: chain.chainId },
    cause: error,
  });
}

function findProviderError(error: unknown): ProviderError | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    if (e instanceof ProviderError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
