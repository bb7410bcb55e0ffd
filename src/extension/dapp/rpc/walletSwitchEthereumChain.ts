/**
 * `wallet_switchEthereumChain` (EIP-3326): switch to a chain Trine knows, after the user
 * agrees. Unknown chain: 4902, so the dApp can offer `wallet_addEthereumChain`.
 */
import * as v from 'valibot';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { chainSummary } from '../access.ts';
import { ProviderError } from '../errors.ts';
import { chainIdParam, paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { switchTo } from './switchTo.ts';

const Params = v.tuple([v.object({ chainId: chainIdParam })]);

export const walletSwitchEthereumChain: MethodHandler = async (params, context, services) => {
  const [{ chainId }] = paramsOf(Params, params, 'wallet_switchEthereumChain');
  const current = await services.chains.selected();
  if (current.chainId === chainId) return null;
  const target = await services.chains.get(chainId);
  if (target === undefined)
    throw new ProviderError(
      ProviderErrorCode.unrecognizedChain,
      `Unrecognized chain ID ${chainId}. Try adding the chain using wallet_addEthereumChain first.`,
    );
  await services.approvals.ask(context.origin, {
    kind: 'switch-chain',
    from: chainSummary(current),
    to: chainSummary(target),
  });
  await switchTo(chainId, context, services);
  return null;
};
