/**
 * `wallet_getCapabilities` (EIP-5792): `[address, chainIds?]` → per chain (EIP-155 hex),
 * `{ atomic: { status: 'unsupported' } }`: Trine's accounts are EOAs and each call of
 * `wallet_sendCalls` is its own transaction. Chains Trine does not know are left out;
 * without `chainIds`, the selected chain. The address must be the site's account (4100).
 */
import * as v from 'valibot';
import { requireAccount } from '../access.ts';
import { addressParam, chainIdParam, paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

const Params = v.union([
  v.strictTuple([addressParam]),
  v.strictTuple([addressParam, v.pipe(v.array(chainIdParam), v.maxLength(64))]),
]);

export const walletGetCapabilities: MethodHandler = async (params, context, services) => {
  const [address, chainIds] = paramsOf(Params, params, 'wallet_getCapabilities');
  await requireAccount(context, services, address);
  const asked = chainIds ?? [(await services.chains.selected()).chainId];
  const known = await Promise.all(
    asked.map(async (id) => ((await services.chains.get(id)) === undefined ? [] : [id])),
  );
  return Object.fromEntries(known.flat().map((id) => [id, { atomic: { status: 'unsupported' } }]));
};
