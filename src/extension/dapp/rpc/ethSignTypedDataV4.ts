/**
 * `eth_signTypedData_v4` (EIP-712): params `[address, typedData]`, the typed data as a
 * JSON string (or an object). Checked with viem against its own types before anything is
 * shown; a domain bound to another chain than the selected one is refused (-32602), as
 * signing it here would be a signature for the wrong network.
 */

import * as v from 'valibot';
import { type TypedDataDefinition, validateTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { requireAccount } from '../access.ts';
import { invalidParams } from '../errors.ts';
import { addressParam, MAX_DATA_BYTES, paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { typedDataTree } from '../typedDataTree.ts';

const name = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, 'expected an identifier'),
  v.maxLength(256),
);
const TypedData = v.object({
  types: v.pipe(
    v.record(
      name,
      v.pipe(v.array(v.object({ name, type: v.pipe(v.string(), v.maxLength(256)) })), v.maxLength(256)),
    ),
    v.check((t) => Object.keys(t).length <= 256, 'too many types'),
  ),
  primaryType: name,
  domain: v.object({
    name: v.optional(v.string()),
    version: v.optional(v.string()),
    chainId: v.optional(
      v.union([
        v.pipe(v.number(), v.integer(), v.minValue(0)),
        v.pipe(v.string(), v.regex(/^(0x[0-9a-fA-F]+|[0-9]+)$/)),
      ]),
    ),
    verifyingContract: v.optional(v.string()),
    salt: v.optional(v.string()),
  }),
  message: v.record(v.string(), v.unknown()),
});

const Params = v.tuple([
  addressParam,
  v.union([
    v.pipe(
      v.string(),
      v.maxLength(MAX_DATA_BYTES),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        try {
          return JSON.parse(dataset.value) as unknown;
        } catch {
          addIssue({ message: 'typed data is not valid JSON' });
          return NEVER;
        }
      }),
      TypedData,
    ),
    TypedData,
  ]),
]);

export const ethSignTypedDataV4: MethodHandler = async (params, context, services) => {
  const [named, data] = paramsOf(Params, params, 'eth_signTypedData_v4');
  if (data.types[data.primaryType] === undefined && data.primaryType !== 'EIP712Domain')
    throw invalidParams(`eth_signTypedData_v4: primaryType ${data.primaryType} is not among the types`);
  const chain = await services.chains.selected();
  const domainChain = data.domain.chainId === undefined ? undefined : BigInt(data.domain.chainId);
  if (domainChain !== undefined && domainChain !== BigInt(chain.chainId))
    throw invalidParams(
      `eth_signTypedData_v4: domain.chainId ${domainChain} is not the active chain ${BigInt(chain.chainId)}`,
    );
  const definition = {
    ...data,
    domain: { ...data.domain, ...(domainChain === undefined ? {} : { chainId: domainChain }) },
  } as unknown as TypedDataDefinition;
  try {
    validateTypedData(definition);
  } catch (error) {
    throw invalidParams(
      `eth_signTypedData_v4: ${(error as { shortMessage?: string }).shortMessage ?? 'invalid typed data'}`,
    );
  }
  const address = await requireAccount(context, services, named);
  await services.approvals.ask(context.origin, {
    kind: 'sign-typed-data',
    address,
    primaryType: data.primaryType,
    domain: {
      name: data.domain.name ?? null,
      version: data.domain.version ?? null,
      chainId: domainChain === undefined ? null : domainChain.toString(),
      verifyingContract: data.domain.verifyingContract ?? null,
    },
    message: typedDataTree(data.types, data.primaryType, data.message),
    warnings:
      domainChain === undefined ? ['The data is not bound to a chain: it could be replayed on another.'] : [],
  });
  const signature = await services.keyring.withSigningKey((key) =>
    privateKeyToAccount(key).signTypedData(definition),
  );
  await services.activity.add({
    kind: 'sign',
    origin: context.origin,
    hash: null,
    chainId: chain.chainId,
    status: 'done',
    summary: `Signed ${data.primaryType} data`,
    at: Date.now(),
  });
  return signature;
};
