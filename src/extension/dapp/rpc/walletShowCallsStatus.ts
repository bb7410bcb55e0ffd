/**
 * `wallet_showCallsStatus` (EIP-5792): `[id]` of a batch this site sent (else 5730) → opens
 * Trine's popup, whose Activity lists each call's transaction with its status. Answers null.
 */
import * as v from 'valibot';
import { callsIdParam } from '../calls/params.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { knownBatch } from './walletGetCallsStatus.ts';

export const walletShowCallsStatus: MethodHandler = async (params, context, services) => {
  const [id] = paramsOf(v.tuple([callsIdParam]), params, 'wallet_showCallsStatus');
  await knownBatch(id, 'wallet_showCallsStatus', context, services);
  await services.showActivity();
  return null;
};
