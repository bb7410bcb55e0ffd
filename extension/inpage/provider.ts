/**
 * The EIP-1193 provider a page sees. Requests go to the content script over
 * `window.postMessage`; answers come back tagged with the request id. No dependencies:
 * this file is part of the in-page bundle (≤ 5 KB gzip).
 */
import { TO_CONTENT, TO_INPAGE } from '../../src/messages/channel.ts';
import { ProviderErrorCode } from '../../src/messages/providerErrors.ts';
import type { PageMessage, ProviderErrorData, ProviderRequest } from '../../src/messages/rpc.ts';

type Listener = (...args: unknown[]) => void;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** EIP-1193 `ProviderRpcError`: an Error with a numeric `code` and optional `data`. */
export class ProviderRpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor({ code, message, data }: ProviderErrorData) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

export type TrineProvider = {
  readonly isTrine: true;
  request(args: ProviderRequest): Promise<unknown>;
  on(event: string, listener: Listener): TrineProvider;
  removeListener(event: string, listener: Listener): TrineProvider;
};

export function createProvider(): TrineProvider {
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  /** EIP-1193 §connectivity: `connect` once we reach a chain, `disconnect` when Trine goes away. */
  let connected = false;
  const emit = (event: string, data: unknown) => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(data);
      } catch (error) {
        console.error(error); // one dApp listener failing must not stop the others
      }
    }
  };
  const onChain = (chainId: unknown) => {
    if (connected) return;
    connected = true;
    emit('connect', { chainId });
  };

  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as PageMessage | null;
    if (event.source !== window || data === null || typeof data !== 'object' || data.target !== TO_INPAGE)
      return;
    if ('id' in data) {
      const waiting = pending.get(data.id);
      if (waiting === undefined) return;
      pending.delete(data.id);
      const response = data.response;
      if ('error' in response) {
        if (response.error.code === ProviderErrorCode.disconnected && connected) {
          connected = false;
          emit('disconnect', new ProviderRpcError(response.error));
        }
        waiting.reject(new ProviderRpcError(response.error));
      } else waiting.resolve(response.result);
    } else {
      if (data.event === 'chainChanged') onChain(data.data);
      emit(data.event, data.data);
    }
  });

  const provider: TrineProvider = {
    isTrine: true,
    request(args) {
      if (args === null || typeof args !== 'object' || typeof args.method !== 'string') {
        return Promise.reject(
          new ProviderRpcError({
            code: ProviderErrorCode.invalidRequest,
            message: 'expected { method, params? }',
          }),
        );
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request =
          args.params === undefined ? { method: args.method } : { method: args.method, params: args.params };
        try {
          window.postMessage({ target: TO_CONTENT, id, request }, window.location.origin);
        } catch {
          // Functions, DOM nodes and the like cannot be cloned into a message.
          pending.delete(id);
          reject(
            new ProviderRpcError({
              code: ProviderErrorCode.invalidParams,
              message: 'params cannot be serialised',
            }),
          );
        }
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return provider;
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  provider.request({ method: 'eth_chainId' }).then(onChain, () => {});
  return provider;
}
