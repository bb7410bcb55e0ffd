/**
 * What Send needs from the background: the same keyring, chains, nonces, activity log and
 * chain RPC as `eth_sendTransaction` (src/extension/dapp/services.ts), so a popup send and
 * a dApp send count nonces in one place and land in one activity list.
 */
import { TrineError } from '../../errors/index.ts';
import type { DappServices } from '../dapp/services.ts';

export type SendServices = Pick<DappServices, 'keyring' | 'chains' | 'rpc' | 'nonces' | 'activity'>;

/** The services, or an internal error when the worker did not wire them (a test without a chain). */
export function requireSendServices(services: (() => SendServices) | undefined): SendServices {
  if (services === undefined)
    throw new TrineError({ code: 'internal', message: 'sending is not wired in this worker' });
  return services();
}
