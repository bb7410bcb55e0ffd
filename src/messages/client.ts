/**
 * Typed calls from extension pages to the background. A failure reply becomes a thrown
 * `TrineError` with the background's code, so a screen can `switch (err.code)`.
 *
 * @example
 * const { version } = await callBackground({ type: 'ping' });
 */
import browser from 'webextension-polyfill';
import { TrineError } from '../errors/index.ts';
import type { InternalFailure, InternalMessage, InternalReplies } from './internal.ts';

export async function callBackground<M extends InternalMessage>(
  message: M,
): Promise<InternalReplies[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as InternalReplies[M['type']] | InternalFailure;
  if (reply === undefined || reply === null) {
    throw new TrineError({ code: 'internal', message: `the background did not answer '${message.type}'` });
  }
  if (reply.ok === false) throw new TrineError({ code: reply.error.code, message: reply.error.message });
  return reply;
}
