/**
 * Parameter schemas of the provider methods. A request that does not match gets JSON-RPC
 * -32602 naming the first bad field; nothing is asked of the user or the chain first.
 */

import * as v from 'valibot';
import { type Address, getAddress, type Hex, isAddress } from 'viem';
import { issueMessage } from '../../protocol/parse.ts';
import { invalidParams } from './errors.ts';

export const addressParam = v.pipe(
  v.string(),
  v.check((value) => isAddress(value, { strict: false }), 'expected a 0x-prefixed 20-byte address'),
  v.transform((value) => getAddress(value) as Address),
);

/** 0x-hex of whole bytes, at most `maxBytes`. */
export const bytesParam = (maxBytes: number) =>
  v.pipe(
    v.string(),
    v.maxLength(2 + maxBytes * 2, `at most ${maxBytes} bytes`),
    v.regex(/^0x(?:[0-9a-fA-F]{2})*$/, 'expected 0x-prefixed hex bytes'),
    v.transform((value) => value.toLowerCase() as Hex),
  );

/** A JSON-RPC quantity: 0x-hex without leading zeros (leniently: leading zeros allowed), ≤ 256 bits. */
export const quantityParam = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{1,64}$/, 'expected a 0x-prefixed hex quantity'),
  v.transform((value) => BigInt(value)),
);

/** An EIP-155 chain id as hex, normalised to lower case without leading zeros. */
export const chainIdParam = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{1,15}$/, 'expected a 0x-prefixed hex chain id'),
  v.check((value) => BigInt(value) > 0n, 'chain id must be positive'),
  v.transform((value) => `0x${BigInt(value).toString(16)}` as Hex),
);

/** Largest calldata / message we accept (the relay caps a request at 1 MiB anyway). */
export const MAX_DATA_BYTES = 256 * 1024;

/** `eth_sendTransaction`'s transaction object (the fields a wallet honours). */
export const TransactionParam = v.object({
  from: addressParam,
  to: v.optional(v.nullable(addressParam)),
  value: v.optional(quantityParam),
  data: v.optional(bytesParam(MAX_DATA_BYTES)),
  input: v.optional(bytesParam(MAX_DATA_BYTES)),
  gas: v.optional(quantityParam),
  gasLimit: v.optional(quantityParam),
  gasPrice: v.optional(quantityParam),
  maxFeePerGas: v.optional(quantityParam),
  maxPriorityFeePerGas: v.optional(quantityParam),
  nonce: v.optional(quantityParam),
  chainId: v.optional(chainIdParam),
  type: v.optional(v.picklist(['0x0', '0x2', '0x00', '0x02'])),
});
export type TransactionParam = v.InferOutput<typeof TransactionParam>;

/**
 * Check `params` (positional) against `schema`, or throw -32602.
 *
 * @example
 * const [message, address] = paramsOf(v.tuple([bytesParam(1024), addressParam]), params, 'personal_sign');
 */
export function paramsOf<const S extends v.GenericSchema>(
  schema: S,
  params: unknown,
  method: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, params ?? [], { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  throw invalidParams(`${method}: params${path ? `.${path}` : ''}: ${issueMessage(issue)}`);
}
