/**
 * The provider methods through the dispatcher, as a page would call them: the real
 * approval queue (decided by the test), in-memory stores, a real anvil chain. Signatures
 * are checked with viem's own verification.
 */
import { type Hex, parseEther, verifyMessage, verifyTypedData } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { type Anvil, DEV_KEY, rpcCall, startAnvil, waitForReceipt } from './anvil.ts';
import { memoryServices, type TestServices } from './memoryServices.ts';

const site = { origin: 'http://localhost:5173' };
const other = { origin: 'http://localhost:5174' };
const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

let chain: Anvil;
let s: TestServices;
beforeAll(async () => {
  chain = await startAnvil({ chainId: 31337 });
}, 60_000);
afterAll(() => chain?.stop());

const call = (method: string, params?: unknown, context = site) =>
  dispatchProviderRequest(
    params === undefined ? { method } : { method, params: params as unknown[] },
    context,
    s,
  );
const errorCode = async (method: string, params?: unknown, context = site) => {
  const answer = await call(method, params, context);
  return 'error' in answer ? answer.error.code : 'result';
};
const result = async (method: string, params?: unknown, context = site) => {
  const answer = await call(method, params, context);
  if ('error' in answer) throw new Error(`${answer.error.code} ${answer.error.message}`);
  return answer.result;
};
async function connect(context = site) {
  const answer = result('eth_requestAccounts', undefined, context);
  await s.next(true);
  return answer;
}

describe('provider methods', () => {
  beforeAll(() => {
    s = memoryServices({
      key: DEV_KEY,
      chains: [
        { chainId: '0x7a69', name: 'Trine local', rpcUrl: chain.url, symbol: 'ETH' },
        { chainId: '0x1', name: 'Elsewhere', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' },
      ],
    });
  });

  it('chain id and network version need no connection', async () => {
    expect(await result('eth_chainId', undefined, other)).toBe('0x7a69');
    expect(await result('net_version', undefined, other)).toBe('31337');
    expect(await result('eth_accounts', undefined, other)).toEqual([]);
    expect(await result('wallet_getPermissions', undefined, other)).toEqual([]);
    expect(await result('eth_blockNumber', [], other)).toMatch(/^0x[0-9a-f]+$/);
  });

  it('connecting asks the user; rejection is 4001 and grants nothing', async () => {
    const rejected = errorCode('eth_requestAccounts');
    await s.next(false);
    expect(await rejected).toBe(4001);
    expect(await result('eth_accounts')).toEqual([]);
    // Lower case, as MetaMask answers (dApps compare recovered signers strictly).
    const me = s.address.toLowerCase();
    expect(await connect()).toEqual([me]);
    expect(await result('eth_accounts')).toEqual([me]);
    expect(s.events.sent.at(-1)).toEqual({
      origin: site.origin,
      event: 'accountsChanged',
      data: [s.address],
    });
    // Already connected: no second question.
    expect(await result('eth_requestAccounts')).toEqual([me]);
    expect(s.approvals.size).toBe(0);
    const [permission] = (await result('wallet_getPermissions')) as { invoker: string }[];
    expect(permission?.invoker).toBe(site.origin);
  });

  it('concurrent connect requests of one site share one question', async () => {
    const a = result('eth_requestAccounts', undefined, { origin: 'http://c.test' });
    const b = result('eth_requestAccounts', undefined, { origin: 'http://c.test' });
    await new Promise((r) => setTimeout(r, 20));
    expect(s.approvals.size).toBe(1);
    await s.next(true);
    expect(await a).toEqual(await b);
  });

  it('personal_sign: a signature viem verifies, for the connected site only', async () => {
    const message = 'Hello from the test dApp';
    const signing = result('personal_sign', [`0x${Buffer.from(message).toString('hex')}`, s.address]);
    await s.next(true);
    const signature = (await signing) as Hex;
    expect(await verifyMessage({ address: s.address, message, signature })).toBe(true);
    // What the window showed: the message as text.
    expect(s.entries.at(-1)?.summary).toBe('Signed a message');
    expect(await errorCode('personal_sign', ['0x68690a', s.address], other)).toBe(4100);
    expect(await errorCode('personal_sign', ['0x6869', to])).toBe(4100);
    expect(await errorCode('personal_sign', ['0x6869'])).toBe(-32602);
    expect(await errorCode('personal_sign', [42, s.address])).toBe(-32602);
  });

  it('eth_signTypedData_v4: verified by viem; a domain of another chain is refused', async () => {
    const typedData = {
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
        Mail: [
          { name: 'to', type: 'address' },
          { name: 'contents', type: 'string' },
        ],
      },
      primaryType: 'Mail',
      domain: { name: 'Test', chainId: 31337, verifyingContract: to },
      message: { to, contents: 'hi' },
    } as const;
    const signing = result('eth_signTypedData_v4', [s.address, JSON.stringify(typedData)]);
    await s.next(true);
    const signature = (await signing) as Hex;
    expect(
      await verifyTypedData({
        address: s.address,
        domain: typedData.domain,
        types: { Mail: typedData.types.Mail },
        primaryType: 'Mail',
        message: typedData.message,
        signature,
      }),
    ).toBe(true);
    const wrongChain = { ...typedData, domain: { ...typedData.domain, chainId: 1 } };
    expect(await errorCode('eth_signTypedData_v4', [s.address, JSON.stringify(wrongChain)])).toBe(-32602);
    expect(await errorCode('eth_signTypedData_v4', [s.address, '{not json'])).toBe(-32602);
    const badAddress = { ...typedData, message: { to: '0x12', contents: 'hi' } };
    expect(await errorCode('eth_signTypedData_v4', [s.address, badAddress])).toBe(-32602);
    expect(s.approvals.size).toBe(0);
  });

  it('eth_sendTransaction: after approval, mined from our account; activity follows the receipt', async () => {
    const dev = (await rpcCall(chain.url, 'eth_accounts')) as string[];
    await rpcCall(chain.url, 'eth_sendTransaction', [
      { from: dev[1], to: s.address, value: `0x${parseEther('10').toString(16)}` },
    ]);
    const sending = result('eth_sendTransaction', [{ from: s.address, to, value: '0xde0b6b3a7640000' }]);
    await s.next(true);
    const hash = (await sending) as Hex;
    const receipt = await waitForReceipt(chain.url, hash);
    expect(receipt.from.toLowerCase()).toBe(s.address.toLowerCase());
    const entry = s.entries.find((e) => e.hash === hash);
    expect(entry?.summary).toBe(`Sent 1 ETH to ${to}`);
    await expect.poll(() => entry?.status, { timeout: 5_000 }).toBe('confirmed');

    // Two approved at once: consecutive nonces, both mined.
    const two = [
      result('eth_sendTransaction', [{ from: s.address, to, value: '0x1' }]),
      result('eth_sendTransaction', [{ from: s.address, to, value: '0x2' }]),
    ];
    await s.next(true);
    await s.next(true);
    const hashes = (await Promise.all(two)) as Hex[];
    const nonces = await Promise.all(
      hashes.map(async (h) =>
        Number(((await rpcCall(chain.url, 'eth_getTransactionByHash', [h])) as { nonce: string }).nonce),
      ),
    );
    expect(Math.abs(nonces[0]! - nonces[1]!)).toBe(1);

    const rejected = errorCode('eth_sendTransaction', [{ from: s.address, to, value: '0x1' }]);
    await s.next(false);
    expect(await rejected).toBe(4001);
    expect(await errorCode('eth_sendTransaction', [{ from: s.address, to }], other)).toBe(4100);
    expect(await errorCode('eth_sendTransaction', [{ from: s.address, to, value: 'lots' }])).toBe(-32602);
  });

  it('switch and add chain', async () => {
    expect(await errorCode('wallet_switchEthereumChain', [{ chainId: '0x539' }])).toBe(4902);
    const switching = result('wallet_switchEthereumChain', [{ chainId: '0x1' }]);
    await s.next(true);
    expect(await switching).toBeNull();
    expect(await result('eth_chainId')).toBe('0x1');
    expect(s.events.sent.at(-1)).toEqual({ origin: '*', event: 'chainChanged', data: '0x1' });
    // An RPC URL serving another chain than claimed is refused.
    const liar = {
      chainId: '0x539',
      chainName: 'Liar',
      nativeCurrency: { name: 'E', symbol: 'ETH', decimals: 18 },
      rpcUrls: [chain.url],
    };
    expect(await errorCode('wallet_addEthereumChain', [liar])).toBe(-32602);
    const adding = result('wallet_addEthereumChain', [{ ...liar, chainId: '0x7A69', chainName: 'Same' }]);
    await s.next(true); // known chain: the switch question
    expect(await adding).toBeNull();
    expect(await result('eth_chainId')).toBe('0x7a69');
    expect(await errorCode('wallet_addEthereumChain', [{ chainId: '0x1' }])).toBe(-32602);
  });

  it('unknown methods are 4200; a locked wallet is 4100 with reason locked; accounts become []', async () => {
    expect(await errorCode('eth_sign', ['0x', '0x'])).toBe(4200);
    expect(await errorCode('eth_signTransaction', [])).toBe(4200);
    s.lock();
    expect(await result('eth_accounts')).toEqual([]);
    const locked = await call('personal_sign', ['0x6869', s.address]);
    expect(locked).toMatchObject({ error: { code: 4100, data: { reason: 'locked' } } });
    expect(await errorCode('eth_requestAccounts', undefined, { origin: 'http://new.test' })).toBe(4100);
  });
});
