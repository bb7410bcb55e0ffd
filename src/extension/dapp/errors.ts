/**
 * The one error a provider method throws: an EIP-1193 / JSON-RPC code and a message a
 * dApp developer can act on. Anything else thrown by a method becomes -32603 with a
 * generic message (details stay in the worker's console), so nothing internal leaks.
 */
import { ProviderErrorCode, providerError } from '../../messages/providerErrors.ts';
import type { ProviderErrorData } from '../../messages/rpc.ts';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly code: ProviderErrorCode;
  readonly data: unknown;

  constructor(code: ProviderErrorCode, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }

  toData(): ProviderErrorData {
    return providerError(this.code, this.message, this.data);
  }
}

export const userRejected = (what = 'the request') =>
  new ProviderError(ProviderErrorCode.userRejected, `The user rejected ${what}.`);

export const unauthorized = (message: string) => new ProviderError(ProviderErrorCode.unauthorized, message);

export const invalidParams = (message: string) => new ProviderError(ProviderErrorCode.invalidParams, message);

/** The wallet holds no key now: the user must unlock it in the popup first. */
export const lockedError = () =>
  new ProviderError(
    ProviderErrorCode.unauthorized,
    'Trine is locked: open Trine, unlock it, then try again.',
    { reason: 'locked' },
  );

/** Any thrown value as the wire form a page receives. */
export function toProviderErrorData(error: unknown): ProviderErrorData {
  if (error instanceof ProviderError) return error.toData();
  console.error('provider method failed', error);
  return providerError(ProviderErrorCode.internal, 'internal error');
}
