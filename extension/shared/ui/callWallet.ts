/**
 * Typed calls from the popup and the full-tab pages to the wallet procedures of the
 * background. A failure reply becomes a thrown `TrineError` with the background's code (and
 * its non-secret details, e.g. how many nodes answered), so a screen can `switch (err.code)`.
 *
 * @example
 * const state = await callWallet({ type: 'wallet-status' });
 * if (state.state === 'unlocked') show(state.address);
 */
import browser from 'webextension-polyfill';
import { TrineError, type TrineErrorCode } from '../../../src/errors/index.ts';
import type { WalletMessage, WalletReplies } from '../../../src/messages/wallet.ts';

type Failure = {
  ok: false;
  error: { code: TrineErrorCode; message: string; details?: Record<string, unknown> };
};

export async function callWallet<M extends WalletMessage>(message: M): Promise<WalletReplies[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as
    | WalletReplies[M['type']]
    | Failure
    | undefined;
  if (reply === undefined || reply === null)
    throw new TrineError({ code: 'internal', message: `the background did not answer '${message.type}'` });
  if (reply.ok === false) {
    const { code, message: text, details } = reply.error;
    throw new TrineError({ code, message: text, ...(details === undefined ? {} : { details }) });
  }
  return reply;
}
