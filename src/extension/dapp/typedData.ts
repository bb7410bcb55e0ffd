/**
 * EIP-712 typed data (v3 and v4) as dApps send it: `[address, typedData]`, the typed data
 * as a JSON string (or an object). Checked with viem against its own types before anything
 * is shown; a domain bound to another chain than the selected one is refused (-32602), as
 * signing it here would be a signature for the wrong network. Permits (EIP-2612, Permit2)
 * are decoded into warnings (warnings/permitWarnings.ts). v3 is v4 without arrays
 * (eth-sig-util's v3 refuses them too), so the same hash signs both.
 */
import * as v from 'valibot';
import { type TypedDataDefinition, validateTypedData } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { ApprovalView } from '../../messages/dapp.ts';
import { requireAccount } from './access.ts';
import { invalidParams } from './errors.ts';
import { addressParam, MAX_DATA_BYTES, paramsOf } from './params.ts';
import type { DappContext, DappServices } from './services.ts';
import { lookupOf, readTokenInfos } from './simulate/tokenInfo.ts';
import { typedDataTree } from './typedDataTree.ts';
import { permitTokens, permitWarnings } from './warnings/permitWarnings.ts';

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

/** A JSON string (as MetaMask documents it) or the object itself. */
export const jsonOf = <S extends v.GenericSchema>(schema: S) =>
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
      schema,
    ),
    schema,
  ]);

const Params = v.tuple([addressParam, jsonOf(TypedData)]);

/** The typed data of `eth_signTypedData_v3` / `_v4`, checked, or -32602 naming what is wrong. */
export async function checkedTypedData(
  params: unknown,
  method: 'eth_signTypedData_v3' | 'eth_signTypedData_v4',
  services: DappServices,
) {
  const [named, data] = paramsOf(Params, params, method);
  if (data.types[data.primaryType] === undefined && data.primaryType !== 'EIP712Domain')
    throw invalidParams(`${method}: primaryType ${data.primaryType} is not among the types`);
  if (method === 'eth_signTypedData_v3') {
    const array = Object.values(data.types)
      .flat()
      .find((field) => field.type.endsWith(']'));
    if (array !== undefined)
      throw invalidParams(`${method}: ${array.name} is an array (${array.type}); use eth_signTypedData_v4`);
  }
  const chain = await services.chains.selected();
  const domainChain = data.domain.chainId === undefined ? undefined : BigInt(data.domain.chainId);
  if (domainChain !== undefined && domainChain !== BigInt(chain.chainId))
    throw invalidParams(
      `${method}: domain.chainId ${domainChain} is not the active chain ${BigInt(chain.chainId)}`,
    );
  const definition = {
    ...data,
    domain: { ...data.domain, ...(domainChain === undefined ? {} : { chainId: domainChain }) },
  } as unknown as TypedDataDefinition;
  try {
    validateTypedData(definition);
  } catch (error) {
    throw invalidParams(
      `${method}: ${(error as { shortMessage?: string }).shortMessage ?? 'invalid typed data'}`,
    );
  }
  // Permit / Permit2: the tokens' symbols and decimals, so amounts read as the user knows them.
  const tokens = await readTokenInfos(services.rpc, chain.rpcUrl, permitTokens(data));
  const permits = permitWarnings(data, lookupOf(tokens));
  const view = (address: `0x${string}`): ApprovalView => ({
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
    warnings: domainChain === undefined ? [UNBOUND_WARNING] : [],
    ...(permits.length === 0 ? {} : { permits }),
  });
  return {
    named,
    view,
    primaryType: data.primaryType,
    sign: (key: `0x${string}`) => privateKeyToAccount(key).signTypedData(definition),
  };
}

export const UNBOUND_WARNING = 'The data is not bound to a chain: it could be replayed on another.';

/**
 * The common path of every typed-data method once its params are checked: the site's
 * account (4100), the user's approval (4001), the signature, the activity entry.
 */
export async function approveAndSign(
  checked: {
    named: `0x${string}`;
    view: (address: `0x${string}`) => ApprovalView;
    primaryType: string;
    sign: (key: `0x${string}`) => Promise<`0x${string}`>;
  },
  context: DappContext,
  services: DappServices,
): Promise<`0x${string}`> {
  const address = await requireAccount(context, services, checked.named);
  const chain = await services.chains.selected();
  await services.approvals.ask(context.origin, checked.view(address));
  const signature = await services.keyring.withSigningKey(checked.sign);
  await services.activity.add({
    kind: 'sign',
    origin: context.origin,
    hash: null,
    chainId: chain.chainId,
    status: 'done',
    summary: `Signed ${checked.primaryType} data`,
    at: Date.now(),
  });
  return signature;
}
