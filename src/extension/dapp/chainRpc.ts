/**
 * JSON-RPC 2.0 over HTTP to a chain's node, bounded: a timeout, no redirects, a size cap
 * on the answer. A node that cannot be reached is EIP-1193 4901 (not connected to that
 * chain); an error the node answers with is passed on with its code and message.
 */
import { ProviderErrorCode } from '../../messages/providerErrors.ts';
import { ProviderError } from './errors.ts';
import type { ChainRpc } from './services.ts';

const TIMEOUT_MS = 15_000;
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

let nextId = 1;

export const chainRpc: ChainRpc = async (rpcUrl, method, params) => {
  let text: string;
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
    if (!response.ok && text.length === 0) throw new Error(`HTTP ${response.status}`);
  } catch {
    throw new ProviderError(
      ProviderErrorCode.chainDisconnected,
      `The chain's node at ${rpcUrl} cannot be reached.`,
    );
  }
  if (text.length > MAX_ANSWER_BYTES)
    throw new ProviderError(ProviderErrorCode.chainError, 'The chain answered with too much data.');
  let answer: { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new ProviderError(
      ProviderErrorCode.chainError,
      'The chain answered with something that is not JSON-RPC.',
    );
  }
  if (answer.error !== undefined && answer.error !== null) {
    const { code, message, data } = answer.error;
    throw new ProviderError(
      (Number.isInteger(code) ? code : ProviderErrorCode.chainError) as ProviderErrorCode,
      typeof message === 'string' ? message.slice(0, 1000) : 'the chain returned an error',
      typeof data === 'string' ? data.slice(0, 10_000) : undefined,
    );
  }
  return answer.result ?? null;
};
