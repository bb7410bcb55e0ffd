/**
 * `eth_subscribe`: params `['newHeads']` or `['logs', criteria]`; answers the subscription
 * id, then pushes each new block header (without its transactions) or matching log to this
 * page as the provider's `message` event. Other kinds (`newPendingTransactions`, `syncing`)
 * are -32602: a wallet polling an HTTP node cannot see them.
 */
import * as v from 'valibot';
import { headOf } from '../filters/changes.ts';
import { LogCriteria } from '../filters/criteria.ts';
import { pageOf } from '../filters/pageOf.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

const Params = v.union(
  [
    v.strictTuple([v.literal('newHeads')]),
    v.strictTuple([v.literal('logs')]),
    v.strictTuple([v.literal('logs'), LogCriteria]),
  ],
  'expected ["newHeads"] or ["logs", { address?, topics? }]',
);

export const ethSubscribe: MethodHandler = async (params, context, services) => {
  const [kind, criteria] = paramsOf(Params, params, 'eth_subscribe');
  const page = pageOf(context, 'eth_subscribe');
  const { rpcUrl } = await services.chains.selected();
  const next = (await headOf(services.rpc, rpcUrl)) + 1n;
  const id = services.watches.add(
    page,
    kind === 'newHeads' ? { kind, rpcUrl, next } : { kind, rpcUrl, next, criteria: criteria ?? {} },
  );
  services.subscriptions.wake();
  return id;
};
