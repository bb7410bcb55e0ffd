/** `eth_chainId`: the selected chain, EIP-695 hex. Needs no permission. */
import type { MethodHandler } from '../services.ts';

export const ethChainId: MethodHandler = async (_params, _context, services) =>
  (await services.chains.selected()).chainId;
