/**
 * The methods dApps written for MetaMask rely on, through the dispatcher as a page calls
 * them, on a real anvil chain: lower-case accounts, personal_ecRecover, typed data v1 / v3
 * (and v4) with the same checks and approval as v4, each signature checked with MetaMask's
 * own @metamask/eth-sig-util as well as viem; wallet-side filters and subscriptions per
 * page; eth_sign refused with MetaMask's reason; bad params to every new method -32602
 * with nothing changed.
 */
import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
  typedSignatureHash,
} from '@metamask/eth-sig-util';
import { type Hex, recoverAddress, stringToHex, verifyMessage, verifyTypedData } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { MAX_PER_PAGE, type PageLink } from '../../../src/extension/dapp/filters/registry.ts';
import { type Anvil, DEV_KEY, rpcCall, startAnvil } from './anvil.ts';
import { memoryServices, type TestServices } from './memoryServices.ts';
import { deployPing, PING_TOPIC, ping } from './pingContract.ts';

const site = 'http://localhost:5173';
let chain: Anvil;
let s: TestServices;
let delivered: { page: string; data: unknown }[];
const pageLink = (id: string): PageLink => ({ id, deliver: (data) => delivered.push({ page: id, data }) });
const pageA = pageLink('a');
const pageB = pageLink('b');

beforeAll(async () => {
  chain = await startAnvil({ chainId: 31337 });
}, 60_000);
afterAll(async () => {
  s.watches.dropPage('a');
  s.watches.dropPage('b');
  await chain?.stop();
});
beforeEach(() => {
  delivered = [];
});

const call = (method: string, params?: unknown, page: PageLink | null = pageA) =>
  dispatchProviderRequest(
    params === undefined ? { method } : { method, params: params as unknown[] },
    page === null ? { origin: site } : { origin: site, page },
    s,
  );
const result = async (method: string, params?: unknown, page?: PageLink | null) => {
  const answer = await call(method, params, page);
  if ('error' in answer) throw new Error(`${answer.error.code} ${answer.error.message}`);
  return answer.result;
};
const failure = async (method: string, params?: unknown, page?: PageLink | null) => {
  const answer = await call(method, params, page);
  if (!('error' in answer)) throw new Error(`${method} answered ${JSON.stringify(answer.result)}`);
  return answer.error;
};
/** Start a request that needs approval, approve it, answer its result. */
const approved = async (method: string, params: unknown) => {
  const answer = result(method, params);
  await s.next(true);
  return answer;
};

const mail = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
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
  domain: {
    name: 'Ether Mail',
    version: '1',
    chainId: 31337,
    verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
  },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
} as const;
const legacy = [
  { type: 'string', name: 'Message', value: 'Hi, Alice!' },
  { type: 'uint32', name: 'A number', value: '1337' },
  { type: 'bool', name: 'Agreed', value: true },
  { type: 'address', name: 'Where', value: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
  { type: 'bytes', name: 'Blob', value: '0xdeadbeef' },
];

describe('MetaMask-compatible methods', () => {
  let me: string;
  beforeAll(async () => {
    s = memoryServices({
      key: DEV_KEY,
      chains: [
        { chainId: '0x7a69', name: 'Trine local', rpcUrl: chain.url, symbol: 'ETH' },
        { chainId: '0x1', name: 'Elsewhere', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' },
      ],
    });
    const connecting = result('eth_requestAccounts');
    await s.next(true);
    me = ((await connecting) as string[])[0]!;
  });

  it('accounts are lower case everywhere a dApp reads them', async () => {
    expect(me).toBe(s.address.toLowerCase());
    expect(await result('eth_accounts')).toEqual([me]);
    expect(await result('eth_requestAccounts')).toEqual([me]);
    expect(await result('eth_coinbase')).toBe(me);
    expect(await result('eth_coinbase', undefined, null)).toBe(me);
  });

  it('personal_sign and personal_ecRecover: the recovered signer is eth_accounts[0], strictly', async () => {
    const message = stringToHex('Hello from a MetaMask dApp');
    const signature = (await approved('personal_sign', [message, me])) as Hex;
    expect(recoverPersonalSignature({ data: message, signature })).toBe(me);
    expect(await verifyMessage({ address: s.address, message: { raw: message }, signature })).toBe(true);
    expect(await result('personal_ecRecover', [message, signature])).toBe(me);
    // Plain text is taken as its UTF-8 bytes, as MetaMask does.
    expect(await result('personal_ecRecover', ['Hello from a MetaMask dApp', signature])).toBe(me);
    expect(await result('personal_ecRecover', ['another message', signature])).not.toBe(me);
  });

  it('eth_signTypedData_v3 and _v4: the same data, the same screen, signatures eth-sig-util and viem accept', async () => {
    for (const method of ['eth_signTypedData_v3', 'eth_signTypedData_v4'] as const) {
      const answer = result(method, [me, JSON.stringify(mail)]);
      await expect
        .poll(() => s.approvals.list()[0]?.view)
        .toMatchObject({
          kind: 'sign-typed-data',
          primaryType: 'Mail',
          domain: { chainId: '31337', verifyingContract: mail.domain.verifyingContract },
          warnings: [],
        });
      await s.next(true);
      const signature = (await answer) as Hex;
      const version = method === 'eth_signTypedData_v3' ? SignTypedDataVersion.V3 : SignTypedDataVersion.V4;
      expect(recoverTypedSignature({ data: mail as never, signature, version })).toBe(me);
      expect(
        await verifyTypedData({
          ...(mail as never as Parameters<typeof verifyTypedData>[0]),
          address: s.address,
          signature,
        }),
      ).toBe(true);
    }
  });

  it('eth_signTypedData (v1): the legacy array form, shown with a replay warning, recovered by eth-sig-util and viem', async () => {
    const answer = result('eth_signTypedData', [legacy, me]);
    await expect
      .poll(() => s.approvals.list()[0]?.view)
      .toMatchObject({
        kind: 'sign-typed-data',
        primaryType: 'Legacy typed data (v1)',
        message: [
          { name: 'Message', type: 'string', value: 'Hi, Alice!' },
          { name: 'A number' },
          { name: 'Agreed' },
          { name: 'Where' },
          { name: 'Blob' },
        ],
        warnings: ['The data is not bound to a chain: it could be replayed on another.'],
      });
    await s.next(true);
    const signature = (await answer) as Hex;
    expect(recoverTypedSignature({ data: legacy, signature, version: SignTypedDataVersion.V1 })).toBe(me);
    const digest = typedSignatureHash(legacy) as Hex;
    expect((await recoverAddress({ hash: digest, signature })).toLowerCase()).toBe(me);
    // As a JSON string too.
    const again = result('eth_signTypedData', [JSON.stringify(legacy), me]);
    await s.next(true);
    expect(await again).toBe(signature);
  });

  it('typed data of another chain is refused before anything is asked (v3 as v4); rejection is 4001', async () => {
    const elsewhere = { ...mail, domain: { ...mail.domain, chainId: 1 } };
    expect(await failure('eth_signTypedData_v3', [me, JSON.stringify(elsewhere)])).toMatchObject({
      code: -32602,
      message: 'eth_signTypedData_v3: domain.chainId 1 is not the active chain 31337',
    });
    expect(s.approvals.size).toBe(0);
    const rejected = call('eth_signTypedData', [legacy, me]);
    await s.next(false);
    expect(await rejected).toMatchObject({ error: { code: 4001 } });
  });

  it('bad params to each new method: -32602 naming the field, nothing asked, nothing kept', async () => {
    const entries = s.entries.length;
    const watches = s.watches.size;
    const bad: [string, unknown][] = [
      ['personal_ecRecover', []],
      ['personal_ecRecover', ['0x6869']],
      ['personal_ecRecover', ['0x6869', '0x1234']],
      ['personal_ecRecover', ['0x6869', `0x${'00'.repeat(65)}`]],
      ['eth_signTypedData', [[], me]],
      ['eth_signTypedData', [[{ type: 'uint256[]', name: 'xs', value: '1' }], me]],
      ['eth_signTypedData', [[{ type: 'bytes4', name: 'b', value: '0x01' }], me]],
      ['eth_signTypedData', [[{ type: 'bool', name: 'b', value: 'false' }], me]],
      ['eth_signTypedData', [[{ type: 'uint8', name: 'n', value: '300' }], me]],
      ['eth_signTypedData', [legacy, 'not an address']],
      ['eth_signTypedData', [[{ type: 'string', name: 'x', value: 'y', extra: 1 }], me]],
      ['eth_signTypedData_v3', [me, '{not json']],
      [
        'eth_signTypedData_v3',
        [me, JSON.stringify({ ...mail, types: { ...mail.types, Mail: [{ name: 'to', type: 'Person[]' }] } })],
      ],
      ['eth_newFilter', []],
      ['eth_newFilter', [{ address: 'nope' }]],
      ['eth_newFilter', [{ topics: ['0x12'] }]],
      ['eth_newFilter', [{ topics: [null, null, null, null, null] }]],
      ['eth_newFilter', [{ fromBlock: 'yesterday' }]],
      ['eth_newFilter', [{ blockHash: '0x00' }]],
      ['eth_newBlockFilter', ['extra']],
      ['eth_getFilterChanges', []],
      ['eth_getFilterChanges', [42]],
      ['eth_getFilterLogs', ['filter-1']],
      ['eth_uninstallFilter', [{}]],
      ['eth_subscribe', []],
      ['eth_subscribe', ['newPendingTransactions']],
      ['eth_subscribe', ['syncing']],
      ['eth_subscribe', ['logs', { address: 7 }]],
      ['eth_unsubscribe', []],
      ['eth_unsubscribe', ['0xzz']],
    ];
    for (const [method, params] of bad) {
      const error = await failure(method, params);
      expect(error.code, `${method} ${JSON.stringify(params)}: ${error.message}`).toBe(-32602);
      expect(error.message).toContain(`${method}:`);
    }
    expect(s.approvals.size).toBe(0);
    expect(s.entries.length).toBe(entries);
    expect(s.watches.size).toBe(watches);
  });

  it('eth_sign stays refused, with MetaMask’s reason', async () => {
    expect(await failure('eth_sign', [me, `0x${'11'.repeat(32)}`])).toMatchObject({
      code: 4200,
      message: expect.stringContaining('The method "eth_sign" does not exist / is not available'),
    });
    expect(s.approvals.size).toBe(0);
  });
});

describe('filters and subscriptions, emulated per page', () => {
  let contract: `0x${string}`;
  beforeAll(async () => {
    contract = await deployPing(chain.url);
  });

  it('a block filter reports the hashes of new blocks once; a log filter the contract’s logs', async () => {
    const blocks = (await result('eth_newBlockFilter', [])) as string;
    const logs = (await result('eth_newFilter', [{ address: contract, topics: [PING_TOPIC] }])) as string;
    expect(blocks).toMatch(/^0x[0-9a-f]{32}$/);
    expect(await result('eth_getFilterChanges', [blocks])).toEqual([]);
    await ping(chain.url, contract, '0x01');
    await ping(chain.url, contract, '0x0202');
    const hashes = (await result('eth_getFilterChanges', [blocks])) as string[];
    expect(hashes).toHaveLength(2);
    const head = (await rpcCall(chain.url, 'eth_getBlockByNumber', ['latest', false])) as { hash: string };
    expect(hashes.at(-1)).toBe(head.hash);
    expect(await result('eth_getFilterChanges', [blocks])).toEqual([]);
    const changes = (await result('eth_getFilterChanges', [logs])) as { data: string; address: string }[];
    expect(changes.map((l) => l.data)).toEqual(['0x01', '0x0202']);
    expect(changes[0]?.address).toBe(contract.toLowerCase());
    expect(await result('eth_getFilterChanges', [logs])).toEqual([]);
    expect(((await result('eth_getFilterLogs', [logs])) as unknown[]).length).toBe(2);
    // Another page cannot read or remove them.
    expect(await failure('eth_getFilterChanges', [logs], pageB)).toMatchObject({
      code: -32000,
      message: 'filter not found',
    });
    expect(await result('eth_uninstallFilter', [logs], pageB)).toBe(false);
    expect(await result('eth_uninstallFilter', [logs])).toBe(true);
    expect(await result('eth_uninstallFilter', [logs])).toBe(false);
    expect(await failure('eth_getFilterLogs', [logs])).toMatchObject({ code: -32000 });
    // The page goes: its filters go with it.
    s.watches.dropPage('a');
    expect(await failure('eth_getFilterChanges', [blocks])).toMatchObject({
      code: -32000,
      message: 'filter not found',
    });
  });

  it('a numbered fromBlock includes the logs from there', async () => {
    const head = BigInt((await rpcCall(chain.url, 'eth_blockNumber')) as string);
    await ping(chain.url, contract, '0x03');
    const fromBlock = `0x${(head + 1n).toString(16)}`;
    const id = (await result('eth_newFilter', [{ address: [contract], fromBlock }])) as string;
    expect(((await result('eth_getFilterChanges', [id])) as { data: string }[]).map((l) => l.data)).toEqual([
      '0x03',
    ]);
    s.watches.dropPage('a');
  });

  it('subscriptions push newHeads and logs to their own page only, until unsubscribed', async () => {
    const heads = (await result('eth_subscribe', ['newHeads'])) as string;
    const logs = (await result('eth_subscribe', ['logs', { address: contract }], pageB)) as string;
    await ping(chain.url, contract, '0x04');
    await expect.poll(() => delivered.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const head = delivered.find((d) => d.page === 'a')?.data as {
      type: string;
      data: { subscription: string; result: { number: string; transactions?: unknown } };
    };
    expect(head).toMatchObject({
      type: 'eth_subscription',
      data: { subscription: heads, result: { number: expect.stringMatching(/^0x/) } },
    });
    expect(head.data.result).not.toHaveProperty('transactions');
    expect(delivered.find((d) => d.page === 'b')?.data).toMatchObject({
      type: 'eth_subscription',
      data: { subscription: logs, result: { data: '0x04', topics: [PING_TOPIC] } },
    });
    // One page cannot end another's subscription.
    expect(await result('eth_unsubscribe', [logs])).toBe(false);
    expect(await result('eth_unsubscribe', [heads])).toBe(true);
    s.watches.dropPage('b');
    expect(s.watches.size).toBe(0);
    delivered = [];
    await ping(chain.url, contract, '0x05');
    await new Promise((r) => setTimeout(r, 2500));
    expect(delivered).toEqual([]);
  });

  it(`a page holds at most ${MAX_PER_PAGE}; the next is -32005 and the others still work`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_PER_PAGE; i++) ids.push((await result('eth_newBlockFilter', [])) as string);
    expect(await failure('eth_newBlockFilter', [])).toMatchObject({ code: -32005 });
    expect(await failure('eth_subscribe', ['newHeads'])).toMatchObject({ code: -32005 });
    expect(await result('eth_getFilterChanges', [ids[0]])).toEqual([]);
    expect(typeof (await result('eth_newBlockFilter', [], pageB))).toBe('string');
    s.watches.dropPage('a');
    s.watches.dropPage('b');
  });

  it('without a page connection (no page to keep them for) they are 4200', async () => {
    expect(await failure('eth_newBlockFilter', [], null)).toMatchObject({ code: 4200 });
    expect(await failure('eth_subscribe', ['newHeads'], null)).toMatchObject({ code: 4200 });
  });
});
