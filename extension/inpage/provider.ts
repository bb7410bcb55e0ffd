/**
 * The EIP-1193 provider a page sees. Requests go to the content script over
 * `window.postMessage`; answers come back tagged with the request id. It behaves as
 * MetaMask's does where dApps depend on it: `isMetaMask` (unless the user turned it off,
 * told by the content script), the legacy entry points `enable()`, `send()` and
 * `sendAsync()` (batches too), the `_metamask.isUnlocked()` probe, the deprecated
 * `selectedAddress` / `chainId` / `networkVersion` properties, and subscription data as the
 * `message` event. No dependencies: this file is part of the in-page bundle (≤ 5 KB gzip).
 */
import { METAMASK_FLAG_EVENT, TO_CONTENT, TO_INPAGE } from '../../src/messages/channel.ts';
import { ProviderErrorCode } from '../../src/messages/providerErrors.ts';
import type { PageMessage, ProviderErrorData, ProviderRequest } from '../../src/messages/rpc.ts';
import { type JsonRpcPayload, legacyEntryPoints } from './legacy.ts';

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
  /** True unless the user turned MetaMask compatibility off (globally or for this site). */
  isMetaMask: boolean;
  /** Deprecated MetaMask state, kept for web3.js-era dApps. */
  selectedAddress: string | null;
  chainId: string | null;
  networkVersion: string | null;
  _metamask: { isUnlocked(): Promise<boolean> };
  request(args: ProviderRequest): Promise<unknown>;
  isConnected(): boolean;
  on(event: string, listener: Listener): TrineProvider;
  addListener(event: string, listener: Listener): TrineProvider;
  once(event: string, listener: Listener): TrineProvider;
  removeListener(event: string, listener: Listener): TrineProvider;
  off(event: string, listener: Listener): TrineProvider;
  removeAllListeners(event?: string): TrineProvider;
  enable(): Promise<unknown>;
  send(methodOrPayload: unknown, paramsOrCallback?: unknown): unknown;
  sendAsync(
    payload: JsonRpcPayload | JsonRpcPayload[],
    callback: (error: unknown, response: unknown) => void,
  ): void;
};

export function createProvider(): TrineProvider {
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;
  /** EIP-1193 §connectivity: `connect` once we reach a chain, `disconnect` when Trine goes away. */
  let connected = false;
  const emit = (event: string, data: unknown) => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(data);
      } catch (error) {
        console.error(error); // one dApp listener failing must not stop the others
      }
    }
  };
  const onChain = (chainId: unknown) => {
    if (typeof chainId === 'string') {
      provider.chainId = chainId;
      provider.networkVersion = BigInt(chainId).toString();
    }
    if (connected) return;
    connected = true;
    emit('connect', { chainId });
  };
  const onAccounts = (accounts: unknown) => {
    if (Array.isArray(accounts)) provider.selectedAddress = (accounts[0] as string | undefined) ?? null;
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
    } else if (data.event === METAMASK_FLAG_EVENT) {
      provider.isMetaMask = data.data === true;
    } else {
      if (data.event === 'chainChanged') onChain(data.data);
      if (data.event === 'accountsChanged') onAccounts(data.data);
      emit(data.event, data.data);
    }
  });

  const on = (event: string, listener: Listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return provider;
  };
  const removeListener = (event: string, listener: Listener) => {
    listeners.get(event)?.delete(listener);
    return provider;
  };
  const request = (args: ProviderRequest): Promise<unknown> => {
    if (args === null || typeof args !== 'object' || typeof args.method !== 'string') {
      return Promise.reject(
        new ProviderRpcError({
          code: ProviderErrorCode.invalidRequest,
          message: 'expected { method, params? }',
        }),
      );
    }
    const id = nextId++;
    const answer = new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const request =
        args.params === undefined ? { method: args.method } : { method: args.method, params: args.params };
      try {
        window.postMessage({ target: TO_CONTENT, id, request }, window.origin);
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
    if (args.method === 'eth_accounts' || args.method === 'eth_requestAccounts')
      answer.then(onAccounts, () => {});
    return answer;
  };

  const provider: TrineProvider = {
    isTrine: true,
    isMetaMask: true,
    selectedAddress: null,
    chainId: null,
    networkVersion: null,
    _metamask: {
      // MetaMask answers whether the wallet is unlocked; a page can only learn whether it may see an account.
      isUnlocked: () => request({ method: 'eth_accounts' }).then((a) => (a as unknown[]).length > 0),
    },
    request,
    isConnected: () => connected,
    on,
    addListener: on,
    once(event, listener) {
      const once: Listener = (...args) => {
        removeListener(event, once);
        listener(...args);
      };
      return on(event, once);
    },
    removeListener,
    off: removeListener,
    removeAllListeners(event) {
      if (event === undefined) listeners.clear();
      else listeners.delete(event);
      return provider;
    },
    ...legacyEntryPoints(request, () => provider),
  };
  provider.request({ method: 'eth_chainId' }).then(onChain, () => {});
  return provider;
}
