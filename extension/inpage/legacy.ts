/**
 * The pre-EIP-1193 entry points web3.js 1.x-era dApps still call, as MetaMask's provider
 * answers them:
 *  - `enable()`: `eth_requestAccounts`;
 *  - `send(method, params)`: a promise of the whole JSON-RPC response `{ id, jsonrpc, result }`;
 *    `send(payload, callback)`: `sendAsync`; `send(payload)`: only the synchronous methods
 *    MetaMask answers from its state (`eth_accounts`, `eth_coinbase`, `net_version`,
 *    `eth_uninstallFilter`), anything else throws;
 *  - `sendAsync(payload | payload[], callback)`: `callback(error, response)` in JSON-RPC
 *    form; a batch gets `callback(null, responses)`, each with its result or error.
 */
import type { ProviderRequest } from '../../src/messages/rpc.ts';

export type JsonRpcPayload = { id?: unknown; jsonrpc?: string; method: string; params?: unknown };
type State = { selectedAddress: string | null; networkVersion: string | null };
type Callback = (error: unknown, response: unknown) => void;

export function legacyEntryPoints(request: (args: ProviderRequest) => Promise<unknown>, state: () => State) {
  /** One payload as `[error | null, JSON-RPC response]`; never rejects. */
  const respond = (payload: JsonRpcPayload): Promise<[unknown, Record<string, unknown>]> => {
    const base = { id: payload?.id, jsonrpc: '2.0' };
    return request(payload as ProviderRequest).then(
      (result) => [null, { ...base, result }],
      (error: { code?: number; message?: string; data?: unknown }) => [
        error,
        { ...base, error: { code: error.code, message: error.message, data: error.data } },
      ],
    );
  };
  const sendAsync = (payload: JsonRpcPayload | JsonRpcPayload[], callback: Callback) => {
    if (Array.isArray(payload))
      void Promise.all(payload.map(respond)).then((all) =>
        callback(
          null,
          all.map(([, response]) => response),
        ),
      );
    else void respond(payload).then(([error, response]) => callback(error, response));
  };
  return {
    enable: () => request({ method: 'eth_requestAccounts' }),
    sendAsync,
    send(methodOrPayload: unknown, paramsOrCallback?: unknown): unknown {
      if (
        typeof methodOrPayload === 'string' &&
        (paramsOrCallback === undefined || Array.isArray(paramsOrCallback))
      )
        return respond({ id: undefined, method: methodOrPayload, params: paramsOrCallback }).then(
          ([error, response]) => (error === null ? response : Promise.reject(error)),
        );
      const payload = methodOrPayload as JsonRpcPayload;
      if (typeof paramsOrCallback === 'function') return sendAsync(payload, paramsOrCallback as Callback);
      const { selectedAddress, networkVersion } = state();
      const sync: Record<string, () => unknown> = {
        eth_accounts: () => (selectedAddress === null ? [] : [selectedAddress]),
        eth_coinbase: () => selectedAddress,
        net_version: () => networkVersion,
        eth_uninstallFilter: () => {
          void request(payload as ProviderRequest).catch(() => {});
          return true;
        },
      };
      const answer = sync[payload?.method];
      if (answer === undefined)
        throw new Error(
          `Trine (as MetaMask) does not support synchronous methods like ${payload?.method} without a callback parameter.`,
        );
      return { id: payload.id, jsonrpc: '2.0', result: answer() };
    },
  };
}
