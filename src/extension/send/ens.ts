/**
 * An ENS name to an address, with viem through ENS's universal resolver, on the chains
 * where ENS lives (Ethereum mainnet and Sepolia). Calls go through the wallet's bounded
 * chain RPC to the selected chain's own node. Elsewhere the name is refused, naming the
 * chain: nothing is looked up on another network behind the user's back.
 */
import { type Address, createPublicClient, custom, defineChain, getAddress } from 'viem';
import { invalidInput, TrineError } from '../../errors/index.ts';
import type { Chain, ChainRpc } from '../dapp/services.ts';
import { chainFailure } from './chainFailure.ts';

/**
 * ENS's universal resolver, at one address on both chains (as in viem's own chain
 * definitions, which are not imported: their barrel pulls every chain into the worker).
 */
const UNIVERSAL_RESOLVER = '0xeeeeeeee14d718c2b47d9923deab1335e144eeee';
const ensChain = (id: number, name: string) =>
  defineChain({
    id,
    name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [] } },
    contracts: { ensUniversalResolver: { address: UNIVERSAL_RESOLVER } },
  });
/** Chains with ENS, by EIP-1193 chain id. */
const ensChains = { '0x1': ensChain(1, 'Ethereum'), '0xaa36a7': ensChain(11_155_111, 'Sepolia') } as const;

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
