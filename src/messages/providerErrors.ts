/**
 * EIP-1193 and JSON-RPC error codes, and the plain `{ code, message }` shape they take
 * when they cross contexts. No imports, so the in-page provider can use it too.
 */
import type { ProviderErrorData } from './rpc.ts';

export const ProviderErrorCode = {
  /** EIP-1193: the user rejected the request. */
  userRejected: 4001,
  /** EIP-1193: the origin is not authorised for this method or account. */
  unauthorized: 4100,
  /** EIP-1193: the wallet does not support this method. */
  unsupportedMethod: 4200,
  /** EIP-1193: the provider is disconnected from all chains (the extension went away). */
  disconnected: 4900,
  /** EIP-1193: the provider is not connected to the requested chain. */
  chainDisconnected: 4901,
  /** EIP-3326: `wallet_switchEthereumChain` to a chain the wallet does not know (add it first). */
  unrecognizedChain: 4902,
  /** EIP-5792: a capability the wallet does not support was required (not marked `optional`). */
  unsupportedCapability: 5700,
  /** EIP-5792: the wallet does not support the batch's chain. */
  unsupportedChainId: 5710,
  /** EIP-5792: this site already sent a batch with this id. */
  duplicateCallsId: 5720,
  /** EIP-5792: no batch with this id (from this site). */
  unknownCallsId: 5730,
  /** EIP-5792: more calls than the wallet sends in one batch. */
  batchTooLarge: 5740,
  /** EIP-5792: the batch must be atomic and the wallet cannot do that. */
  atomicityNotSupported: 5760,
  /** JSON-RPC server error range: the chain's node answered with an error. */
  chainError: -32000,
  /** A request of this kind from this origin is already waiting for the user. */
  resourceUnavailable: -32002,
  /** EIP-1474: a request exceeds a limit (too many filters and subscriptions for one page). */
  limitExceeded: -32005,
  /** JSON-RPC: the request object is not valid. */
  invalidRequest: -32600,
  /** JSON-RPC: invalid method parameters. */
  invalidParams: -32602,
  /** JSON-RPC: internal error. */
  internal: -32603,
} as const;
export type ProviderErrorCode = (typeof ProviderErrorCode)[keyof typeof ProviderErrorCode];

/** @example providerError(4200, 'eth_foo is not supported') */
export function providerError(code: ProviderErrorCode, message: string, data?: unknown): ProviderErrorData {
  return data === undefined ? { code, message } : { code, message, data };
}
