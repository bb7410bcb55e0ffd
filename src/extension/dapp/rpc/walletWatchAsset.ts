/**
 * `wallet_watchAsset` (EIP-747): a site suggests an ERC-20 for the user to follow. As in
 * MetaMask: params are `{ type: 'ERC20', options: { address, symbol?, decimals?, image? } }`,
 * the user approves in the approval window, the answer is `true`. Before asking, the token
 * is read from the selected chain: an address that is not an ERC-20, or a symbol or decimals
 * the contract contradicts, is refused (-32602) and nothing is shown or stored. A token
 * already followed answers `true` without asking again.
 */
import * as v from 'valibot';
import { isTrineError } from '../../../errors/index.ts';
import { ProviderErrorCode } from '../../../messages/providerErrors.ts';
import { MAX_DECIMALS, readErc20 } from '../../tokens/erc20.ts';
import { chainSummary, requireAccount } from '../access.ts';
import { invalidParams, ProviderError } from '../errors.ts';
import { addressParam, paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

const Params = v.object({
  type: v.picklist(['ERC20'], 'only ERC20 assets are supported'),
  options: v.object({
    address: addressParam,
    // MetaMask's bounds: a symbol of at most 11 characters, 0…36 decimals.
    symbol: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(11))),
    decimals: v.optional(
      v.pipe(
        v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.transform(Number))]),
        v.integer(),
        v.minValue(0),
        v.maxValue(MAX_DECIMALS),
      ),
    ),
    image: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(2048)))),
  }),
});

export const walletWatchAsset: MethodHandler = async (params, context, services) => {
  const { options } = paramsOf(Params, params, 'wallet_watchAsset');
  const owner = await requireAccount(context, services);
  const chain = await services.chains.selected();
  const facts = await readErc20(chain.rpcUrl, options.address, owner).catch((error: unknown) => {
    if (isTrineError(error) && error.code === 'invalid-input')
      throw invalidParams(`wallet_watchAsset: ${error.message.replace(/^address: /, '')}.`);
    throw new ProviderError(
      ProviderErrorCode.chainDisconnected,
      `The chain's node at ${chain.rpcUrl} cannot be reached.`,
    );
  });
  if (options.decimals !== undefined && options.decimals !== facts.decimals)
    throw invalidParams(
      `wallet_watchAsset: the decimals in the request (${options.decimals}) do not match the token's (${facts.decimals}).`,
    );
  if (options.symbol !== undefined && options.symbol.toUpperCase() !== facts.symbol.toUpperCase())
    throw invalidParams(
      `wallet_watchAsset: the symbol in the request (${options.symbol}) does not match the token's (${facts.symbol}).`,
    );
  if ((await services.tokens.find(chain.chainId, options.address)) !== undefined) return true;
  await services.approvals.ask(context.origin, {
    kind: 'watch-asset',
    chain: chainSummary(chain),
    token: {
      address: options.address,
      symbol: facts.symbol,
      name: facts.name,
      decimals: facts.decimals,
      balance: facts.balance.toString(),
    },
  });
  // Asked again while the window was open (a second request for the same token): one entry.
  if ((await services.tokens.find(chain.chainId, options.address)) === undefined)
    await services.tokens.follow({
      chainId: chain.chainId,
      address: options.address,
      symbol: facts.symbol,
      name: facts.name,
      decimals: facts.decimals,
      // Kept for a later screen; never fetched by Trine (a remote image would tell its host who looks).
      image: options.image?.startsWith('https://') === true ? options.image : null,
    });
  return true;
};
