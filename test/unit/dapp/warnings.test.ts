/**
 * The pure decoders behind the approval's warnings and preview: every warning kind, a case
 * that must not warn for each, and malformed input that gives nothing rather than an error.
 */
import {
  encodeAbiParameters,
  encodeErrorResult,
  encodeFunctionData,
  erc20Abi,
  erc721Abi,
  type Hex,
  maxUint160,
  maxUint256,
  pad,
  parseAbi,
} from 'viem';
import { describe, expect, it } from 'vitest';
import {
  balanceChanges,
  NATIVE_TRANSFER_ADDRESS,
  TRANSFER_TOPIC,
} from '../../../src/extension/dapp/simulate/balanceChanges.ts';
import { revertReason } from '../../../src/extension/dapp/simulate/revertReason.ts';
import { lookupOf } from '../../../src/extension/dapp/simulate/tokenInfo.ts';
import { callWarnings } from '../../../src/extension/dapp/warnings/callWarnings.ts';
import {
  PERMIT2_ADDRESS,
  permitTokens,
  permitWarnings,
} from '../../../src/extension/dapp/warnings/permitWarnings.ts';
import { recipientWarning } from '../../../src/extension/dapp/warnings/recipientWarning.ts';
import { deadlineText, isUnlimited, tokenAmount } from '../../../src/extension/dapp/warnings/tokenAmount.ts';

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const;
const spender = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const me = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const tokens = lookupOf([{ address: token, symbol: 'TUSD', decimals: 6 }]);
const rows = (w: { details: { label: string; value: string }[] }) =>
  Object.fromEntries(w.details.map((d) => [d.label, d.value]));

describe('amounts', () => {
  it('unlimited from half the range up, per width', () => {
    expect(isUnlimited(maxUint256)).toBe(true);
    expect(isUnlimited(1n << 255n)).toBe(true);
    expect(isUnlimited((1n << 255n) - 1n)).toBe(false);
    expect(isUnlimited(maxUint160, 160)).toBe(true);
    expect(isUnlimited(maxUint160, 256)).toBe(false);
  });
  it('in the token`s decimals when known, smallest units otherwise; far deadlines never end', () => {
    expect(tokenAmount(1_500_000n, { address: token, symbol: 'TUSD', decimals: 6 })).toBe('1.5 TUSD');
    expect(tokenAmount(7n, undefined)).toBe('7 (smallest units)');
    expect(tokenAmount(maxUint256, undefined)).toBe('unlimited tokens');
    expect(deadlineText(1_700_000_000n)).toBe('2023-11-14T22:13:20Z');
    expect(deadlineText(2n ** 48n - 1n)).toBe('never');
  });
});

describe('calldata warnings', () => {
  const approve = (amount: bigint) =>
    encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] });

  it('an unlimited approve is danger, naming spender, token and "unlimited"', () => {
    for (const amount of [maxUint256, 1n << 255n]) {
      const [w, ...more] = callWarnings(token, approve(amount), tokens);
      expect(more).toEqual([]);
      expect(w).toMatchObject({ kind: 'unlimited-approval', severity: 'danger' });
      expect(rows(w!)).toEqual({ Spender: spender, Token: `TUSD (${token})`, Amount: 'unlimited TUSD' });
    }
  });

  it('a limited approve is a caution with the amount; approve(…, 0) revokes and is quiet', () => {
    const [w] = callWarnings(token, approve(2_000_000n), tokens);
    expect(w).toMatchObject({ kind: 'approval', severity: 'caution' });
    expect(rows(w!).Amount).toBe('2 TUSD');
    expect(callWarnings(token, approve(0n), tokens)).toEqual([]);
  });

  it('increaseAllowance: caution, or danger when unlimited', () => {
    const abi = parseAbi(['function increaseAllowance(address spender, uint256 addedValue)']);
    const data = (n: bigint) =>
      encodeFunctionData({ abi, functionName: 'increaseAllowance', args: [spender, n] });
    expect(callWarnings(token, data(5n), tokens)[0]).toMatchObject({
      kind: 'increase-allowance',
      severity: 'caution',
    });
    expect(callWarnings(token, data(maxUint256), tokens)[0]).toMatchObject({ kind: 'unlimited-approval' });
  });

  it('setApprovalForAll(operator, true) is danger; false revokes and is quiet', () => {
    const data = (approved: boolean) =>
      encodeFunctionData({ abi: erc721Abi, functionName: 'setApprovalForAll', args: [spender, approved] });
    const [w] = callWarnings(token, data(true));
    expect(w).toMatchObject({ kind: 'approval-for-all', severity: 'danger' });
    expect(rows(w!)).toEqual({ Operator: spender, Collection: token });
    expect(callWarnings(token, data(false))).toEqual([]);
  });

  it('transfers, plain sends and malformed calldata give nothing, without throwing', () => {
    const transfer = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [spender, 1n] });
    for (const data of [
      transfer,
      '0x',
      '0x095ea7b3',
      '0x095ea7b300ff',
      `0xa22cb465${'00'.repeat(64)}ff`,
    ] as Hex[])
      expect(callWarnings(token, data, tokens), data).toEqual([]);
    expect(callWarnings(null, approve(maxUint256))).toEqual([]);
  });
});

describe('recipient warnings', () => {
  const contractCode = '0x6080604052' as const;
  it('value to a contract, or an unknown function of a contract: caution', () => {
    expect(recipientWarning(spender, '0x', contractCode, false)).toMatchObject({
      kind: 'contract-recipient',
    });
    expect(recipientWarning(spender, '0x12345678', contractCode, false)).toMatchObject({
      kind: 'contract-recipient',
    });
  });
  it('calldata to an address without code: caution', () => {
    expect(recipientWarning(spender, '0x12345678', '0x', false)).toMatchObject({ kind: 'no-code-recipient' });
  });
  it('quiet: a plain send to an account, a known call, an EIP-7702 account, unknown code', () => {
    expect(recipientWarning(spender, '0x', '0x', false)).toBeNull();
    expect(recipientWarning(token, '0xa9059cbb', contractCode, true)).toBeNull();
    expect(recipientWarning(spender, '0x', `0xef0100${token.slice(2)}`, false)).toBeNull();
    expect(recipientWarning(spender, '0x', null, false)).toBeNull();
    expect(recipientWarning(null, '0x60', '0x', false)).toBeNull();
  });
});

describe('permit warnings (typed data)', () => {
  const permit = (message: Record<string, unknown>) =>
    permitWarnings(
      { domain: { name: 'Test Dollar', verifyingContract: token }, primaryType: 'Permit', message },
      tokens,
    );

  it('EIP-2612 Permit: spender, amount, deadline; unlimited is danger', () => {
    const [w] = permit({
      owner: me,
      spender,
      value: maxUint256.toString(),
      nonce: 0,
      deadline: '1700000000',
    });
    expect(w).toMatchObject({ kind: 'permit', severity: 'danger' });
    expect(rows(w!)).toEqual({
      Spender: spender,
      Token: `TUSD (${token})`,
      Amount: 'unlimited TUSD',
      'Signature valid until': '2023-11-14T22:13:20Z',
    });
    const [limited] = permit({ owner: me, spender, value: '0x1e8480', nonce: 0, deadline: 1 });
    expect(limited).toMatchObject({ severity: 'caution' });
    expect(rows(limited!).Amount).toBe('2 TUSD');
  });

  it('DAI`s permit: allowed true is unlimited, false revokes', () => {
    const dai = (allowed: boolean) => permit({ holder: me, spender, nonce: 0, expiry: 0, allowed });
    expect(dai(true)[0]).toMatchObject({ kind: 'permit', severity: 'danger' });
    expect(dai(false)).toEqual([]);
  });

  const permit2 = (primaryType: string, message: Record<string, unknown>, name = 'Permit2') =>
    permitWarnings({ domain: { name, verifyingContract: PERMIT2_ADDRESS }, primaryType, message }, tokens);

  it('Permit2 PermitSingle: an allowance of uint160 max is unlimited, with its expiry', () => {
    const [w, ...more] = permit2('PermitSingle', {
      details: { token, amount: maxUint160.toString(), expiration: '1700000000', nonce: '0' },
      spender,
      sigDeadline: '1700000000',
    });
    expect(more).toEqual([]);
    expect(w).toMatchObject({ kind: 'permit2', severity: 'danger' });
    expect(rows(w!)).toEqual({
      Spender: spender,
      Token: `TUSD (${token})`,
      Amount: 'unlimited TUSD',
      'Allowance expires': '2023-11-14T22:13:20Z',
      'Signature valid until': '2023-11-14T22:13:20Z',
    });
  });

  it('Permit2 PermitBatch: one warning per token', () => {
    const other = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
    const ws = permit2('PermitBatch', {
      details: [
        { token, amount: '1000000', expiration: 0, nonce: 0 },
        { token: other, amount: maxUint160.toString(), expiration: 0, nonce: 0 },
      ],
      spender,
      sigDeadline: 1,
    });
    expect(ws.map((w) => w.severity)).toEqual(['caution', 'danger']);
    expect(rows(ws[0]!)['Allowance expires']).toBe('at the block it is used in');
    expect(rows(ws[1]!).Amount).toBe('unlimited tokens');
  });

  it('Permit2 PermitTransferFrom (and the witness form): a one-time transfer', () => {
    const message = { permitted: { token, amount: '3000000' }, spender, nonce: 1, deadline: 1700000000 };
    const [w] = permit2('PermitTransferFrom', message);
    expect(w).toMatchObject({ kind: 'permit2', severity: 'caution' });
    expect(rows(w!).Amount).toBe('3 TUSD');
    expect(permit2('PermitWitnessTransferFrom', { ...message, witness: {} })).toHaveLength(1);
  });

  it('a "Permit2" domain at another contract is still decoded, and says so', () => {
    const ws = permitWarnings(
      {
        domain: { name: 'Permit2', verifyingContract: spender },
        primaryType: 'PermitTransferFrom',
        message: { permitted: { token, amount: '1' }, spender, nonce: 0, deadline: 0 },
      },
      tokens,
    );
    expect(rows(ws[0]!)['Verifying contract']).toContain('not the Permit2 contract');
  });

  it('names the tokens to read first: the permit`s own contract, or Permit2`s listed tokens', () => {
    const domain = { name: 'Permit2', verifyingContract: PERMIT2_ADDRESS };
    expect(
      permitTokens({ domain: { verifyingContract: token }, primaryType: 'Permit', message: {} }),
    ).toEqual([token]);
    expect(
      permitTokens({ domain, primaryType: 'PermitBatch', message: { details: [{ token }, { token: 'x' }] } }),
    ).toEqual([token]);
    expect(
      permitTokens({ domain, primaryType: 'PermitTransferFrom', message: { permitted: { token } } }),
    ).toEqual([token]);
    expect(permitTokens({ domain: {}, primaryType: 'Mail', message: {} })).toEqual([]);
  });

  it('quiet: other typed data, a Permit without a spender, zero amounts; malformed values do not throw', () => {
    expect(
      permitWarnings({ domain: { name: 'Mail' }, primaryType: 'Mail', message: { contents: 'hi' } }),
    ).toEqual([]);
    expect(permit({ owner: me, value: '1', deadline: 1 })).toEqual([]);
    expect(permit({ owner: me, spender, value: '0', deadline: 1 })).toEqual([]);
    for (const message of [
      { spender, value: 'lots', deadline: {} },
      { spender, value: -1, deadline: 1 },
      { spender: 'nobody', value: '1' },
      { spender, value: 1.5 },
    ])
      expect(() => permit(message)).not.toThrow();
    expect(permit2('PermitSingle', { details: 'x', spender })).toEqual([]);
    expect(permit2('PermitBatch', { details: [null, 1, { token: 'x', amount: '1' }], spender })).toEqual([]);
    expect(permit2('Unknown', { spender })).toEqual([]);
  });
});

describe('balance changes from simulated logs', () => {
  const topic = (a: string) => pad(a as Hex);
  const log = (address: string, from: string, to: string, value: bigint, extra: Hex[] = []) => ({
    address,
    topics: [TRANSFER_TOPIC, topic(from), topic(to), ...extra],
    data: encodeAbiParameters([{ type: 'uint256' }], [value]),
  });

  it('sums ERC-20 and native (traceTransfers) transfers of the account, native first', () => {
    const changes = balanceChanges(me, [
      log(token, me, spender, 5n),
      log(token, spender, me, 2n),
      log(NATIVE_TRANSFER_ADDRESS.toLowerCase(), me, spender, 10n),
    ]);
    expect(changes).toEqual([
      { asset: 'native', amount: -10n },
      { asset: token.toLowerCase(), amount: -3n },
    ]);
  });

  it('skips others` transfers, ERC-721 (four topics), self-transfers and malformed logs', () => {
    expect(
      balanceChanges(me, [
        log(token, spender, token, 5n),
        log(token, me, spender, 1n, [pad('0x1')]),
        log(token, me, me, 9n),
        { address: token, topics: [TRANSFER_TOPIC, '0x12', '0x34'], data: '0x' },
        { address: 'nope', topics: [], data: 'zz' },
        // what a broken node may send in place of a log
        ...([
          null,
          7,
          { address: token, data: '0x' },
          { address: token, topics: null, data: '0x' },
        ] as never[]),
      ]),
    ).toEqual([]);
  });
});

describe('revert reasons', () => {
  it('Error(string), Panic(uint256), a custom error`s selector; nothing for no data', () => {
    const solidityError = parseAbi(['error Error(string)']);
    expect(
      revertReason(encodeErrorResult({ abi: solidityError, errorName: 'Error', args: ['balance'] })),
    ).toBe('balance');
    const panic = parseAbi(['error Panic(uint256)']);
    expect(revertReason(encodeErrorResult({ abi: panic, errorName: 'Panic', args: [0x11n] }))).toBe(
      'panic 0x11: arithmetic overflow or underflow',
    );
    expect(revertReason('0xdeadbeef00')).toBe('custom error 0xdeadbeef');
    for (const data of [undefined, null, '0x', '0x08c379a0', 'not hex', 42])
      expect(revertReason(data)).toBeNull();
  });
});
