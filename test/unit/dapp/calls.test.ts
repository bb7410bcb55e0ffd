/**
 * EIP-5792 through the dispatcher, as a page calls it, on a real anvil with a real ERC-20:
 * capabilities (atomic unsupported), a batch of two transfers under one approval landing in
 * order with consecutive nonces, its status (200, two receipts in the EIP's shape), a batch
 * whose second call reverts (600), and every refusal — bad params, required capabilities,
 * too many calls, atomicity, other chains, duplicate and unknown ids — with nothing asked
 * and nothing sent.
 */
import { encodeFunctionData, erc20Abi, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallBatch } from '../../../src/extension/dapp/calls/batch.ts';
import { type CallReceipt, callsStatus } from '../../../src/extension/dapp/calls/status.ts';
import { dispatchProviderRequest } from '../../../src/extension/dapp/dispatch.ts';
import { deployTestToken, type TestToken } from '../../helpers/testToken.ts';
import { type Anvil, rpcCall, startAnvil } from './anvil.ts';
import { memoryServices, type TestServices } from './memoryServices.ts';

/** anvil's second development account. */
const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const;
const site = 'http://localhost:5173';
const friend = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as const;
const other = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as const;

let anvil: Anvil;
let s: TestServices;
let token: TestToken;

beforeAll(async () => {
  anvil = await startAnvil({ chainId: 31337 });
  token = await deployTestToken(anvil.url, { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 });
  s = memoryServices({
    key: KEY,
    chains: [
      { chainId: '0x7a69', name: 'anvil', rpcUrl: anvil.url, symbol: 'ETH' },
      { chainId: '0x1', name: 'Elsewhere', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' },
    ],
  });
  await token.mint(s.address, 10_000_000n);
  const connecting = call('eth_requestAccounts');
  await s.next(true);
  await connecting;
}, 60_000);
afterAll(() => anvil?.stop());

const call = (method: string, params?: unknown, origin = site) =>
  dispatchProviderRequest(
    params === undefined ? { method } : { method, params: params as unknown[] },
    { origin },
    s,
  );
const result = async (method: string, params?: unknown) => {
  const answer = await call(method, params);
  if ('error' in answer) throw new Error(`${answer.error.code} ${answer.error.message}`);
  return answer.result;
};
const transfer = (to: Hex, amount: bigint) => ({
  to: token.address,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
  value: '0x0',
});
const batch = (calls: unknown[], extra: Record<string, unknown> = {}) => [
  { version: '2.0.0', chainId: '0x7a69', atomicRequired: false, calls, ...extra },
];
const nonceOf = async (hash: Hex) =>
  Number(BigInt(((await rpcCall(anvil.url, 'eth_getTransactionByHash', [hash])) as { nonce: Hex }).nonce));

describe('wallet_getCapabilities', () => {
  it('atomic is unsupported on every known chain asked for; unknown chains are left out', async () => {
    expect(await result('wallet_getCapabilities', [s.address])).toEqual({
      '0x7a69': { atomic: { status: 'unsupported' } },
    });
    expect(await result('wallet_getCapabilities', [s.address, ['0x7a69', '0x1', '0x89']])).toEqual({
      '0x7a69': { atomic: { status: 'unsupported' } },
      '0x1': { atomic: { status: 'unsupported' } },
    });
  });
  it('another account is 4100; bad params -32602', async () => {
    expect((await call('wallet_getCapabilities', [other])) as unknown).toMatchObject({
      error: { code: 4100 },
    });
    expect(await call('wallet_getCapabilities', [])).toMatchObject({ error: { code: -32602 } });
    expect(await call('wallet_getCapabilities', [s.address, ['1']])).toMatchObject({
      error: { code: -32602 },
    });
  });
});

describe('wallet_sendCalls', () => {
  it('two transfers: one approval showing both, sent in order with consecutive nonces; status 200 with both receipts', async () => {
    const sending = result(
      'wallet_sendCalls',
      batch([transfer(friend, 1_000_000n), transfer(other, 2_000_000n)]),
    );
    for (let i = 0; i < 200 && s.approvals.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const [request] = s.approvals.list();
    expect(request?.view.kind).toBe('send-calls');
    if (request?.view.kind !== 'send-calls') throw new Error('not a batch');
    expect(request.view.calls).toHaveLength(2);
    expect(request.view.calls.map((c) => c.simulation)).toEqual([
      {
        method: 'eth_simulateV1',
        outcome: 'success',
        changes: [{ asset: token.address.toLowerCase(), symbol: 'TUSD', decimals: 6, amount: '-1000000' }],
      },
      {
        method: 'eth_simulateV1',
        outcome: 'success',
        changes: [{ asset: token.address.toLowerCase(), symbol: 'TUSD', decimals: 6, amount: '-2000000' }],
      },
    ]);
    await s.next(true);
    const { id } = (await sending) as { id: string };
    expect(id).toMatch(/^0x[0-9a-f]{64}$/);

    let status: { status: number; receipts: CallReceipt[] } & Record<string, unknown>;
    for (;;) {
      status = (await result('wallet_getCallsStatus', [id])) as typeof status;
      if (status.status !== 100) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toMatchObject({ version: '2.0.0', id, chainId: '0x7a69', status: 200, atomic: false });
    expect(status.receipts).toHaveLength(2);
    for (const receipt of status.receipts) {
      expect(Object.keys(receipt).sort()).toEqual(
        ['blockHash', 'blockNumber', 'gasUsed', 'logs', 'status', 'transactionHash'].sort(),
      );
      expect(receipt.status).toBe('0x1');
      expect(receipt.logs[0]?.address.toLowerCase()).toBe(token.address.toLowerCase());
    }
    const [first, second] = status.receipts.map((r) => r.transactionHash);
    expect((await nonceOf(second!)) - (await nonceOf(first!))).toBe(1);
    expect(await token.balanceOf(friend)).toBe(1_000_000n);
    expect(await token.balanceOf(other)).toBe(2_000_000n);
    expect(s.entries.filter((e) => e.kind === 'send').map((e) => e.summary)).toEqual([
      expect.stringMatching(/^Call 1 of 2 of a batch/),
      expect.stringMatching(/^Call 2 of 2 of a batch/),
    ]);
  });

  it('a second call that reverts is still shown and sent on approval; the status is 600', async () => {
    const balance = await token.balanceOf(s.address);
    const sending = result(
      'wallet_sendCalls',
      batch([transfer(friend, balance), transfer(friend, 1n)], { id: 'partial' }),
    );
    for (let i = 0; i < 200 && s.approvals.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const view = s.approvals.list()[0]?.view;
    if (view?.kind !== 'send-calls') throw new Error('not a batch');
    expect(view.calls[1]?.simulation).toEqual({
      method: 'eth_simulateV1',
      outcome: 'revert',
      reason: 'balance',
    });
    await s.next(true);
    expect(await sending).toEqual({ id: 'partial' });
    let status: { status: number; receipts: CallReceipt[] };
    do status = (await result('wallet_getCallsStatus', ['partial'])) as typeof status;
    while (status.status === 100);
    expect(status.status).toBe(600);
    expect(status.receipts.map((r) => r.status)).toEqual(['0x1', '0x0']);
  });

  it('refusals come before anything is asked or sent', async () => {
    const sends = s.entries.length;
    const cases: [unknown, number, RegExp][] = [
      [[], -32602, /params/],
      [batch([transfer(friend, 1n)], { version: '1.0' }), -32602, /version/],
      [batch([]), -32602, /at least one call/],
      [batch([{ value: '0x1' }]), -32602, /needs data/],
      [batch([{ to: 'nobody' }]), -32602, /calls\.0\.to/],
      [batch([transfer(friend, 1n)], { atomicRequired: 'yes' }), -32602, /atomicRequired/],
      [batch([transfer(friend, 1n)], { atomicRequired: true }), 5760, /atomicity not supported/],
      [
        batch([transfer(friend, 1n)], { capabilities: { paymasterService: { url: 'x' } } }),
        5700,
        /paymasterService/,
      ],
      [batch([{ ...transfer(friend, 1n), capabilities: { auxiliaryFunds: {} } }]), 5700, /auxiliaryFunds/],
      [batch(Array.from({ length: 11 }, () => transfer(friend, 1n))), 5740, /at most 10/],
      [batch([transfer(friend, 1n)], { chainId: '0x89' }), 5710, /does not know chain 137/],
      [batch([transfer(friend, 1n)], { chainId: '0x1' }), 4901, /switch first/],
      [batch([transfer(friend, 1n)], { from: other }), 4100, /may not use/],
      [batch([transfer(friend, 1n)], { id: 'partial' }), 5720, /already sent a batch/],
    ];
    for (const [params, code, message] of cases) {
      const answer = await call('wallet_sendCalls', params);
      expect(answer, JSON.stringify(params).slice(0, 200)).toMatchObject({ error: { code } });
      if ('error' in answer) expect(answer.error.message).toMatch(message);
    }
    // An optional capability Trine lacks is ignored: that one asks the user (rejected here).
    const optional = call(
      'wallet_sendCalls',
      batch([transfer(friend, 1n)], { capabilities: { x: { optional: true } } }),
    );
    await s.next(false);
    expect(await optional).toMatchObject({ error: { code: 4001 } });
    expect(s.approvals.size).toBe(0);
    expect(s.entries.length).toBe(sends);
  });
});

describe('wallet_getCallsStatus and wallet_showCallsStatus', () => {
  it('an unknown id, or another site`s, is 5730; bad params -32602; show answers null for a known batch', async () => {
    expect(await call('wallet_getCallsStatus', ['nope'])).toMatchObject({ error: { code: 5730 } });
    expect(await call('wallet_getCallsStatus', ['partial'], 'http://other.test')).toMatchObject({
      error: { code: 5730 },
    });
    expect(await call('wallet_getCallsStatus', [42])).toMatchObject({ error: { code: -32602 } });
    expect(await call('wallet_showCallsStatus', ['nope'])).toMatchObject({ error: { code: 5730 } });
    expect(await result('wallet_showCallsStatus', ['partial'])).toBeNull();
  });
});

describe('a call sped up or cancelled in the popup', () => {
  it('counts by its replacement`s receipt; a cancel drops it', async () => {
    // A call whose own transaction never got mined, and a real mined transaction standing in
    // for the replacement the popup signed (its activity entry notes it, as speed-up does).
    const unmined = `0x${'ab'.repeat(32)}` as Hex;
    const { receipts } = (await result('wallet_getCallsStatus', ['partial'])) as { receipts: CallReceipt[] };
    const mined = receipts[0]!.transactionHash;
    for (const mode of ['speed-up', 'cancel'] as const) {
      const activityId = await s.activity.add({
        kind: 'send',
        origin: site,
        hash: unmined,
        chainId: '0x7a69',
        status: 'pending',
        summary: 'replaced call',
        at: 0,
      });
      await s.activity.update(activityId, { replacedBy: { hash: mined, mode } });
      await s.batches.add({
        id: mode,
        origin: site,
        chainId: '0x7a69',
        from: s.address,
        callCount: 1,
        hashes: [unmined],
        error: null,
        activityIds: [activityId],
        at: 0,
      });
    }
    const spedUp = (await result('wallet_getCallsStatus', ['speed-up'])) as {
      status: number;
      receipts: CallReceipt[];
    };
    expect(spedUp.status).toBe(200);
    expect(spedUp.receipts.map((r) => r.transactionHash)).toEqual([mined]);
    expect(await result('wallet_getCallsStatus', ['cancel'])).toMatchObject({ status: 400, receipts: [] });
  });
});

describe('the status code (EIP-5792)', () => {
  const base: CallBatch = {
    id: 'b',
    origin: site,
    chainId: '0x7a69',
    from: friend,
    callCount: 2,
    hashes: ['0x01', '0x02'],
    error: null,
    at: 0,
  };
  const receipt = (status: Hex): CallReceipt => ({
    logs: [],
    status,
    blockHash: '0xaa',
    blockNumber: '0x1',
    gasUsed: '0x5208',
    transactionHash: '0x01',
  });
  it('100 pending, 200 all succeeded, 400 none on chain, 500 all reverted, 600 partly or stopped early', () => {
    expect(callsStatus(base, [receipt('0x1'), 'pending']).status).toBe(100);
    expect(callsStatus(base, [receipt('0x1'), receipt('0x1')]).status).toBe(200);
    expect(callsStatus(base, ['dropped', 'dropped']).status).toBe(400);
    expect(callsStatus(base, [receipt('0x0'), receipt('0x0')]).status).toBe(500);
    expect(callsStatus(base, [receipt('0x1'), receipt('0x0')]).status).toBe(600);
    expect(callsStatus(base, [receipt('0x0'), 'dropped']).status).toBe(600);
    const stopped = { ...base, hashes: ['0x01' as Hex], error: 'nonce too low' };
    expect(callsStatus(stopped, [receipt('0x1')]).status).toBe(600);
    expect(callsStatus(base, [receipt('0x1'), 'pending']).receipts).toHaveLength(1);
  });
});
