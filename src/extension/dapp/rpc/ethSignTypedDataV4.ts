/**
 * `eth_signTypedData_v4` (EIP-712): params `[address, typedData]`; checks, approval and
 * signing in ../typedData.ts.
 */
import type { MethodHandler } from '../services.ts';
import { approveAndSign, checkedTypedData } from '../typedData.ts';

export const ethSignTypedDataV4: MethodHandler = async (params, context, services) =>
  approveAndSign(await checkedTypedData(params, 'eth_signTypedData_v4', services), context, services);
