/**
 * Answers EIP-1193 requests relayed from web pages. For now only `eth_chainId`; every other
 * method is EIP-1193 error 4200 (issue 8 adds accounts, signing and chain methods).
 */
import type { ProviderRequest, ProviderResponse } from '../../src/messages/index.ts';
import { ProviderErrorCode, providerError } from '../../src/messages/index.ts';
import { chainIdHex } from './config.ts';

export type ProviderContext = {
  /** The requesting page's origin, from the browser's sender information. */
  origin: string;
};

export async function handleProviderRequest(
  request: ProviderRequest,
  _context: ProviderContext,
): Promise<ProviderResponse> {
  switch (request.method) {
    case 'eth_chainId':
      return { result: chainIdHex };
    default:
      return {
        error: providerError(ProviderErrorCode.unsupportedMethod, `Trine does not support ${request.method}`),
      };
  }
}
