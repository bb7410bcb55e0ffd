/**
 * `eth_signTypedData` (legacy "v1"): params `[typedData, address]` (MetaMask's order), the
 * typed data an array of `{ type, name, value }`. The same approval screen as v4 (fields
 * as a tree; no domain, so the replay warning); the digest of ../typedDataV1.ts signed
 * raw, as MetaMask's `signTypedData` V1 does.
 */
import * as v from 'valibot';
import { serializeSignature } from 'viem';
import { sign } from 'viem/accounts';
import { addressParam, paramsOf } from '../params.ts';
import type { MethodHandler } from '../services.ts';
import { approveAndSign, jsonOf, UNBOUND_WARNING } from '../typedData.ts';
import { TypedDataV1, typedDataV1Digest, typedDataV1Tree } from '../typedDataV1.ts';

const Params = v.tuple([jsonOf(TypedDataV1), addressParam]);

export const ethSignTypedData: MethodHandler = async (params, context, services) => {
  const [fields, named] = paramsOf(Params, params, 'eth_signTypedData');
  const digest = typedDataV1Digest(fields);
  return approveAndSign(
    {
      named,
      primaryType: 'legacy typed',
      view: (address) => ({
        kind: 'sign-typed-data',
        address,
        primaryType: 'Legacy typed data (v1)',
        domain: { name: null, version: null, chainId: null, verifyingContract: null },
        message: typedDataV1Tree(fields),
        warnings: [UNBOUND_WARNING],
      }),
      sign: async (key) => serializeSignature(await sign({ hash: digest, privateKey: key })),
    },
    context,
    services,
  );
};
