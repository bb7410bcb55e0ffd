/**
 * `personal_ecRecover`: params `[message, signature]`, the EIP-191 (0x45) signer of the
 * message, lower case as MetaMask answers (dApps compare it with `eth_accounts[0]`). Pure
 * computation: no connection, no key, no approval. A signature that is not 65 bytes, or
 * that recovers no point, is -32602.
 */
import * as v from 'valibot';
import { recoverMessageAddress } from 'viem';
import { invalidParams } from '../errors.ts';
import { messageBytes, messageParam } from '../message.ts';
import { paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';

const Params = v.tuple([
  messageParam,
  v.pipe(v.string(), v.regex(/^0x[0-9a-fA-F]{130}$/, 'expected a 65-byte 0x-hex signature')),
]);

export const personalEcRecover: MethodHandler = async (params) => {
  const [message, signature] = paramsOf(Params, params, 'personal_ecRecover');
  try {
    const address = await recoverMessageAddress({
      message: { raw: messageBytes(message) },
      signature: signature as `0x${string}`,
    });
    return address.toLowerCase();
  } catch {
    throw invalidParams('personal_ecRecover: params.1: the signature recovers no signer');
  }
};
