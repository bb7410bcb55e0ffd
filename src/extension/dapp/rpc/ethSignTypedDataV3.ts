/**
 * `eth_signTypedData_v3` (EIP-712 before arrays): params `[address, typedData]`, the same
 * screen, checks and chain binding as v4; typed data with arrays is -32602 (v3 has no
 * array encoding, and MetaMask's own v3 refuses them).
 */
import type { MethodHandler } from '../services.ts';
import { approveAndSign, checkedTypedData } from '../typedData.ts';

export const ethSignTypedDataV3: MethodHandler = async (params, context, services) =>
  approveAndSign(await checkedTypedData(params, 'eth_signTypedData_v3', services), context, services);
