/**
 * A test dApp written with ethers v6 `BrowserProvider` over `window.ethereum`, the way
 * dApps written for MetaMask do it. Bundled by bundle.ts; driven through `window.dapp`.
 */
import { BrowserProvider, type Eip1193Provider, verifyMessage, verifyTypedData } from 'ethers';

const injected = () => (window as unknown as { ethereum: Eip1193Provider }).ethereum;
const provider = () => new BrowserProvider(injected());

const domain = (chainId: bigint, verifyingContract: string) => ({
  name: 'Ethers test',
  version: '2',
  chainId,
  verifyingContract,
});
const types = {
  Order: [
    { name: 'maker', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'tags', type: 'string[]' },
  ],
};

const errorOf = (e: unknown) => {
  const err = e as {
    code?: unknown;
    error?: { code?: number };
    info?: { error?: { code?: number } };
    message: string;
  };
  return { code: err.info?.error?.code ?? err.error?.code ?? err.code, message: err.message };
};

const dapp = {
  connect: async () => (await provider().getSigner()).getAddress(),
  signMessage: async (message: string) => {
    const signer = await provider().getSigner();
    const signature = await signer.signMessage(message);
    return { signature, recovered: verifyMessage(message, signature), address: await signer.getAddress() };
  },
  signTypedData: async () => {
    const p = provider();
    const signer = await p.getSigner();
    const address = await signer.getAddress();
    const { chainId } = await p.getNetwork();
    const value = { maker: address, amount: 1234n, tags: ['a', 'b'] };
    const signature = await signer.signTypedData(domain(chainId, address), types, value);
    return {
      signature,
      recovered: verifyTypedData(domain(chainId, address), types, value, signature),
      address,
    };
  },
  sendEth: async (to: string, wei: string) => {
    const signer = await provider().getSigner();
    const tx = await signer.sendTransaction({ to, value: BigInt(wei) });
    const receipt = await tx.wait();
    return {
      hash: tx.hash,
      from: receipt?.from,
      to: receipt?.to,
      status: receipt?.status,
      value: tx.value.toString(),
    };
  },
  attempt: async (name: string, ...args: unknown[]) => {
    try {
      return {
        ok: await (dapp as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args),
      };
    } catch (e) {
      return { error: errorOf(e) };
    }
  },
};

(window as unknown as { dapp: typeof dapp }).dapp = dapp;
export type EthersDapp = typeof dapp;
