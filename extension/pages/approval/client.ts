/**
 * Typed calls from the approval window and the connected-sites screen to the background.
 *
 * @example
 * const { requests } = await callDapp({ type: 'dapp-approvals' });
 */
import browser from 'webextension-polyfill';
import { TrineError } from '../../../src/errors/index.ts';
import type { DappMessage, DappReplies } from '../../../src/messages/dapp.ts';
import type { InternalFailure } from '../../../src/messages/internal.ts';

export async function callDapp<M extends DappMessage>(message: M): Promise<DappReplies[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as
    | DappReplies[M['type']]
    | InternalFailure
    | undefined;
  if (reply === undefined || reply === null)
    throw new TrineError({ code: 'internal', message: `the background did not answer '${message.type}'` });
  if (reply.ok === false) throw new TrineError({ code: reply.error.code, message: reply.error.message });
  return reply;
}
