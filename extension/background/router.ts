/**
 * One entry for every runtime message. Extension pages may call the internal procedures;
 * content scripts may only relay provider requests, tagged with the origin the browser
 * reports. Anything malformed gets a clear error and changes nothing.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isTrineError, TrineError } from '../../src/errors/index.ts';
import { DappMessage, isDappMessage } from '../../src/messages/dapp.ts';
import {
  type InternalFailure,
  InternalMessage,
  ProviderErrorCode,
  type ProviderResponse,
  providerError,
  RpcMessage,
} from '../../src/messages/index.ts';
import { WalletMessage } from '../../src/messages/wallet.ts';
import { parse } from '../../src/protocol/parse.ts';
import { oauthCallback } from './procedures/oauthCallback.ts';
import { oauthResult } from './procedures/oauthResult.ts';
import { ping } from './procedures/ping.ts';
import { walletProcedure } from './procedures/wallet.ts';
import { handleDappProcedure, handleProviderRequest } from './provider.ts';
import { classifySender } from './sender.ts';

export async function route(message: unknown, rawSender: Runtime.MessageSender): Promise<unknown> {
  const sender = classifySender(rawSender, browser.runtime.id, browser.runtime.getURL(''));
  if (sender === undefined)
    return failure(new TrineError({ code: 'invalid-input', message: 'unknown sender' }));
  if (sender.kind === 'web-page') return relayProviderRequest(message, sender);
  try {
    if (isDappMessage(message)) return await handleDappProcedure(parse(DappMessage, message, 'message'));
    if (isWalletCall(message)) return await walletProcedure(parse(WalletMessage, message, 'message'));
    const call = parse(InternalMessage, message, 'message');
    switch (call.type) {
      case 'ping':
        return ping();
      case 'oauth-callback':
        return await oauthCallback(call);
      case 'oauth-result':
        return await oauthResult(call);
    }
  } catch (error) {
    return failure(error);
  }
}

async function relayProviderRequest(
  message: unknown,
  { origin, tabId }: { origin: string; tabId?: number },
): Promise<ProviderResponse> {
  let request: RpcMessage['request'];
  try {
    request = parse(RpcMessage, message, 'request').request;
  } catch (error) {
    return { error: providerError(ProviderErrorCode.invalidRequest, (error as Error).message) };
  }
  try {
    return await handleProviderRequest(request, tabId === undefined ? { origin } : { origin, tabId });
  } catch (error) {
    console.error('provider request failed', request.method, error);
    return { error: providerError(ProviderErrorCode.internal, 'internal error') };
  }
}

/** Wallet procedures are the `wallet-*` types (src/messages/wallet.ts). */
function isWalletCall(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('wallet-');
}

/**
 * Only the extension's own pages get here. They are told every TrineError (codes and
 * messages never carry secrets), so a screen can say what to do about `not-enough-nodes` or
 * `factor-not-recognised`, whose server status (500) would hide them from an HTTP caller.
 */
function failure(error: unknown): InternalFailure {
  if (isTrineError(error) && error.code !== 'internal')
    return { ok: false, error: { code: error.code, message: error.message } };
  console.error('background procedure failed', error);
  return { ok: false, error: { code: 'internal', message: 'internal error' } };
}
