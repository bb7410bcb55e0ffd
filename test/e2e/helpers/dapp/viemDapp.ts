/**
 * A test dApp written with viem, as a dApp developer would: it finds the wallet through
 * EIP-6963 (by rdns), then uses viem's wallet and public clients over that provider. Bundled
 * for the page by bundle.ts; the tests drive it through `window.dapp`.
 */
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  type EIP1193Provider,
  type Hex,
  verifyMessage,
  verifyTypedData,
} from 'viem';

type Announced = { info: { rdns: string; name: string; uuid: string }; provider: EIP1193Provider };

function discover(rdns = 'io.trinewallet', timeoutMs = 5_000): Promise<Announced> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no wallet ${rdns} announced`)), timeoutMs);
    window.addEventListener('eip6963:announceProvider', (event) => {
      const detail = (event as CustomEvent<Announced>).detail;
      if (detail.info.rdns !== rdns) return;
      clearTimeout(timer);
      resolve(detail);
    });
    window.dispatchEvent(new Event('eip6963:requestProvider'));
  });
}

const typedData = (chainId: number, verifyingContract: Address) =>
  ({
    domain: { name: 'Trine test', version: '1', chainId, verifyingContract },
    types: {
      Person: [
        { name: 'name', type: 'string' },
        { name: 'wallet', type: 'address' },
      ],
      Mail: [
        { name: 'from', type: 'Person' },
        { name: 'to', type: 'Person' },
        { name: 'contents', type: 'string' },
      ],
    },
    primaryType: 'Mail',
    message: {
      from: { name: 'Alice', wallet: verifyingContract },
      to: { name: 'Bob', wallet: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
      contents: 'Hello, Bob!',
    },
  }) as const;

async function clients() {
  const { provider, info } = await discover();
  const chainId = Number(await provider.request({ method: 'eth_chainId' }));
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
  return {
    info,
    provider,
    wallet: createWalletClient({ chain, transport: custom(provider) }),
    // Reads go through the wallet too, as in most dApps without their own RPC.
    public: createPublicClient({ chain, transport: custom(provider) }),
  };
}

const errorOf = (e: unknown) => ({
  code: (e as { code?: number }).code ?? (e as { cause?: { code?: number } }).cause?.code,
  message: (e as Error).message,
});

const dapp = {
  discover: async () => (await discover()).info,
  connect: async () => (await clients()).wallet.requestAddresses(),
  accounts: async () => (await clients()).wallet.getAddresses(),
  signMessage: async (message: string) => {
    const c = await clients();
    const [account] = await c.wallet.getAddresses();
    const signature = await c.wallet.signMessage({ account: account!, message });
    return { signature, valid: await verifyMessage({ address: account!, message, signature }) };
  },
  signTypedData: async () => {
    const c = await clients();
    const [account] = await c.wallet.getAddresses();
    const data = typedData(await c.wallet.getChainId(), account!);
    const signature = await c.wallet.signTypedData({ account: account!, ...data });
    return { signature, valid: await verifyTypedData({ address: account!, signature, ...data }) };
  },
  sendEth: async (to: Address, wei: string) => {
    const c = await clients();
    const [account] = await c.wallet.getAddresses();
    const hash = await c.wallet.sendTransaction({ account: account!, to, value: BigInt(wei), chain: null });
    const receipt = await c.public.waitForTransactionReceipt({ hash, pollingInterval: 250 });
    const tx = await c.public.getTransaction({ hash });
    return { hash, from: receipt.from, to: receipt.to, status: receipt.status, value: tx.value.toString() };
  },
  switchChain: async (id: number) => (await clients()).wallet.switchChain({ id }),
  addChain: async (id: number, rpcUrl: string) => {
    const c = await clients();
    await c.wallet.addChain({
      chain: defineChain({
        id,
        name: `Second chain ${id}`,
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpcUrls: { default: { http: [rpcUrl] } },
      }),
    });
  },
  chainId: async () => (await clients()).wallet.getChainId(),
  /** The EIP-1193 error of a raw request, or null when it succeeds. */
  errorOf: async (method: string, params?: unknown) => {
    const { provider } = await discover();
    try {
      await (provider.request as (a: unknown) => Promise<unknown>)(
        params === undefined ? { method } : { method, params },
      );
      return null;
    } catch (e) {
      return errorOf(e);
    }
  },
  /** Run a named method and report a thrown EIP-1193 error as `{ code, message }`. */
  attempt: async (name: string, ...args: unknown[]) => {
    try {
      return {
        ok: await (dapp as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args),
      };
    } catch (e) {
      return { error: errorOf(e) };
    }
  },
  events: [] as { event: string; data: unknown }[],
};

void discover().then(({ provider }) => {
  for (const event of ['connect', 'accountsChanged', 'chainChanged', 'disconnect'])
    provider.on(event as 'connect', (data: unknown) => dapp.events.push({ event, data }));
});

(window as unknown as { dapp: typeof dapp }).dapp = dapp;
export type ViemDapp = typeof dapp;
export type { Hex };
