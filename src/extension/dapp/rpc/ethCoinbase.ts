/** `eth_coinbase`: as MetaMask answers it, the site's account (lower case) or `null`; never the node's. */

import type { MethodHandler } from '../services.ts';
import { ethAccounts } from './ethAccounts.ts';

export const ethCoinbase: MethodHandler = async (params, context, services) =>
  ((await ethAccounts(params, context, services)) as string[])[0] ?? null;
