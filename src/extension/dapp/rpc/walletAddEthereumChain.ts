/**
 * `wallet_addEthereumChain` (EIP-3085): add a chain and switch to it, after checking its
 * node answers with the claimed chain id (the same check as Settings → Chains) and the user agrees. A chain Trine already knows
 * is only switched to (with the switch approval).
 */
import * as v from 'valibot';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { checkChainId } from '../../chainIdCheck.ts';
import { chainSummary } from '../access.ts';
import { invalidParams, ProviderError } from '../errors.ts';
import { chainIdParam, paramsOf } from '../params.ts';
import type { Chain, MethodHandler } from '../services.ts';
import { switchTo } from './switchTo.ts';
import { walletSwitchEthereumChain } from './walletSwitchEthereumChain.ts';

const url = (schemes: RegExp) =>
  v.pipe(
    v.string(),
    v.maxLength(2048),
    v.url('expected a URL'),
    v.check((value) => schemes.test(value), 'unsupported URL scheme'),
  );
const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

const Params = v.tuple([
  v.object({
    chainId: chainIdParam,
    chainName: text(100),
    nativeCurrency: v.object({
      name: text(100),
      symbol: v.pipe(text(11), v.regex(/^[A-Za-z0-9.$-]+$/, 'unusual characters in symbol')),
      decimals: v.literal(18),
    }),
    rpcUrls: v.pipe(v.array(url(/^https?:\/\//)), v.minLength(1, 'at least one RPC URL'), v.maxLength(10)),
    blockExplorerUrls: v.optional(v.nullable(v.pipe(v.array(url(/^https?:\/\//)), v.maxLength(10)))),
    iconUrls: v.optional(v.nullable(v.array(v.string()))),
  }),
]);

export const walletAddEthereumChain: MethodHandler = async (params, context, services) => {
  const [p] = paramsOf(Params, params, 'wallet_addEthereumChain');
  if ((await services.chains.get(p.chainId)) !== undefined)
    return walletSwitchEthereumChain([{ chainId: p.chainId }], context, services);
  const rpcUrl = p.rpcUrls[0]!;
  const check = await checkChainId(rpcUrl, p.chainId, (method, args) => services.rpc(rpcUrl, method, args));
  if (!check.ok)
    throw check.why === 'unreachable'
      ? new ProviderError(ProviderErrorCode.chainDisconnected, `The RPC URL ${check.problem}.`)
      : invalidParams(`The RPC URL ${check.problem}.`);
  const chain: Chain = {
    chainId: p.chainId,
    name: p.chainName,
    rpcUrl,
    symbol: p.nativeCurrency.symbol,
    explorerUrl: p.blockExplorerUrls?.[0] ?? null,
  };
  await services.approvals.ask(context.origin, {
    kind: 'add-chain',
    chain: { ...chainSummary(chain), rpcUrl, explorerUrl: chain.explorerUrl ?? null },
  });
  await services.chains.add(chain);
  await switchTo(chain.chainId, context, services);
  return null;
};
