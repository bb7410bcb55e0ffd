/**
 * The test ERC-20 (test/fixtures/contracts/TestToken.sol, compiled by
 * scripts/compile-contracts.mjs) deployed on a real anvil from its first development
 * account, with `mint` for balances. For the token, send, simulation and batch tests.
 *
 * @example
 * const token = await deployTestToken(rpcUrl, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
 * await token.mint(address, 5_000_000n);
 */
import {
  type Abi,
  createPublicClient,
  createWalletClient,
  getAddress,
  type Hex,
  http,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import artifact from '../fixtures/contracts/TestToken.json' with { type: 'json' };

/** anvil's first development account (its well-known mnemonic): funded with 10 000 ETH. */
const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const;

export const testTokenAbi = artifact.abi as Abi;

export type TestToken = {
  address: `0x${string}`;
  mint(to: `0x${string}`, amount: bigint): Promise<void>;
  balanceOf(owner: `0x${string}`): Promise<bigint>;
  allowance(owner: `0x${string}`, spender: `0x${string}`): Promise<bigint>;
};

export async function deployTestToken(
  rpcUrl: string,
  options: { name: string; symbol: string; decimals: number },
): Promise<TestToken> {
  const account = privateKeyToAccount(DEV_KEY);
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ transport }) as PublicClient;
  const chainId = await publicClient.getChainId();
  const chain = {
    id: chainId,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
  const wallet = createWalletClient({ account, chain, transport });
  const hash = await wallet.deployContract({
    abi: testTokenAbi,
    bytecode: artifact.bytecode as Hex,
    args: [options.name, options.symbol, options.decimals],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('TestToken deploy failed');
  const address = getAddress(receipt.contractAddress);
  const read = (functionName: string, args: unknown[]) =>
    publicClient.readContract({ address, abi: testTokenAbi, functionName, args }) as Promise<bigint>;
  return {
    address,
    async mint(to, amount) {
      const hash = await wallet.writeContract({
        address,
        abi: testTokenAbi,
        functionName: 'mint',
        args: [to, amount],
      });
      const mined = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
      if (mined.status !== 'success') throw new Error('TestToken mint failed');
    },
    balanceOf: (owner) => read('balanceOf', [owner]),
    allowance: (owner, spender) => read('allowance', [owner, spender]),
  };
}
