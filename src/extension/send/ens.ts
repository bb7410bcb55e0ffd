/**
 * An ENS name to an address, with viem through ENS's universal resolver, on the chains
 * where ENS lives (Ethereum mainnet and Sepolia). Calls go through the wallet's bounded
 * chain RPC to the selected chain's own node. Elsewhere the name is refused, naming the
 * chain: nothing is looked up on another network behind the user's back.
 */
import { type Address, createPublicClient, custom, getAddress } from 'viem';
import { mainnet, sepolia } from 'viem/chains';
import { invalidInput, TrineError } from '../../errors/index.ts';
import type { Chain, ChainRpc } from '../dapp/services.ts';
import { chainFailure } from './chainFailure.ts';

/** Chains with ENS, by EIP-1193 chain id; viem's definitions carry the universal resolver. */
const ensChains = { '0x1': mainnet, '0xaa36a7': sepolia } as const;

export function hasEns(chainId: string): chainId is keyof typeof ensChains {
  return Object.hasOwn(ensChains, chainId);
}

/** `name` must be normalised (parseRecipient does it). */
export async function resolveEnsName(name: string, chain: Chain, rpc: ChainRpc): Promise<Address> {
  if (!hasEns(chain.chainId)) throw invalidInput('recipient', `${chain.name} has no ENS; enter an address`);
  const client = createPublicClient({
    chain: ensChains[chain.chainId],
    transport: custom({ request: ({ method, params }) => rpc(chain.rpcUrl, method, params ?? []) }),
  });
  let address: Address | null;
  try {
    address = await client.getEnsAddress({ name });
  } catch (error) {
    const converted = chainFailure(error, chain, `the ENS lookup of ${name} failed`);
    if (converted !== error) throw converted;
    // viem's own refusal (no resolver, a malformed answer): still the chain's, said plainly.
    throw new TrineError({
      code: 'chain-error',
      message: `${chain.name}: the ENS lookup of ${name} failed: ${(error as Error).message.split('\n')[0]}`,
      details: { chainId: chain.chainId },
      cause: error,
    });
  }
  if (address === null) throw invalidInput('recipient', `${name} has no address on ${chain.name}`);
  return getAddress(address);
}
