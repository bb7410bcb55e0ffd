/** `net_version`: the selected chain's id in decimal (legacy dApps still ask). */
import type { MethodHandler } from '../services.ts';

export const netVersion: MethodHandler = async (_params, _context, services) =>
  BigInt((await services.chains.selected()).chainId).toString(10);
