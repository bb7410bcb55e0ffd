import { isTrineError } from '../../../src/errors/index.ts';
import type { WalletMessage, WalletReplies } from '../../../src/messages/wallet.ts';
import { wallet } from '../wallet.ts';

export type WalletFailure = {
  ok: false;
  error: { code: string; message: string; details?: Record<string, unknown> };
};

/** Details a screen may show ("3 of 5 nodes answered"); none of them is secret. */
const SHOWN_DETAILS = [
  'needed',
  'total',
  'usable',
  'acks',
  'currentVersion',
  'field',
  'providerError',
  'why',
  'problem',
] as const;

/**
 * Every wallet procedure (src/messages/wallet.ts) goes to the wallet service. Its errors
 * are TrineErrors whose messages never carry key material (the core's rule), so all of
 * them reach the page with their code — also those a server would hide (e.g. not enough
 * nodes) — with the few details a screen uses. Anything else is the router's "internal".
 */
export async function walletProcedure<M extends WalletMessage>(
  message: M,
): Promise<WalletReplies[M['type']] | WalletFailure> {
  try {
    return await wallet.handle(message);
  } catch (error) {
    if (!isTrineError(error)) throw error;
    const details: Record<string, unknown> = {};
    for (const key of SHOWN_DETAILS)
      if (error.details?.[key] !== undefined) details[key] = error.details[key];
    const failures = error.details?.failures;
    if (Array.isArray(failures))
      details.failures = failures.map((f: { node?: unknown; reason?: unknown }) => ({
        node: f.node,
        reason: f.reason,
      }));
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.message,
        ...(Object.keys(details).length > 0 ? { details } : {}),
      },
    };
  }
}
