/**
 * Send's checks that need no chain: recipient (EIP-55 checksum, ENS names), amounts,
 * ERC-20 transfer calldata, the replacement fee rule, ENS refused where the chain has
 * none (before any call), and the one-use review ids.
 */
import { decodeFunctionData, erc20Abi } from 'viem';
import { describe, expect, it } from 'vitest';
import { chainRpc } from '../../../src/extension/dapp/chainRpc.ts';
import { formatAmount, parseAmount } from '../../../src/extension/send/amount.ts';
import { DRAFT_TTL_MS, type SendDraft, SendDrafts } from '../../../src/extension/send/draft.ts';
import { hasEns, resolveEnsName } from '../../../src/extension/send/ens.ts';
import { parseRecipient } from '../../../src/extension/send/recipient.ts';
import { bumped, replacementFees } from '../../../src/extension/send/replace.ts';
import { transferData } from '../../../src/extension/send/transferData.ts';

const checksummed = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** The message of what `run` throws (the field comes first: "amount: …"). */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect((error as { code?: string }).code).toBe('invalid-input');
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('recipient', () => {
  it('takes a checksummed, an all-lowercase or an all-uppercase address (EIP-55), trimmed', () => {
    expect(parseRecipient(checksummed)).toEqual({ kind: 'address', address: checksummed });
    expect(parseRecipient(` ${checksummed.toLowerCase()} `)).toEqual({
      kind: 'address',
      address: checksummed,
    });
    expect(parseRecipient(`0x${checksummed.slice(2).toUpperCase()}`)).toEqual({
      kind: 'address',
      address: checksummed,
    });
  });
  it('refuses a mixed-case address whose checksum does not match', () => {
    // One letter's case flipped (index 10 is the C of 0x70997970C5…): the checksum no longer matches.
    const typo = `${checksummed.slice(0, 10)}c${checksummed.slice(11)}`;
    expect(typo.toLowerCase()).toBe(checksummed.toLowerCase());
    expect(refusal(() => parseRecipient(typo))).toMatch(/^recipient: the address checksum does not match/);
  });
  it('refuses short, long, non-hex, empty and zero addresses, naming what is wrong', () => {
    expect(refusal(() => parseRecipient('0x1234'))).toMatch(/40 hexadecimal digits/);
    expect(refusal(() => parseRecipient(`${checksummed}00`))).toMatch(/40 hexadecimal digits/);
    expect(refusal(() => parseRecipient(`0x${'g'.repeat(40)}`))).toMatch(/40 hexadecimal digits/);
    expect(refusal(() => parseRecipient('   '))).toMatch(/enter an address/);
    expect(refusal(() => parseRecipient(`0x${'0'.repeat(40)}`))).toMatch(/zero address/);
    expect(refusal(() => parseRecipient('alice'))).toMatch(/ENS name such as name\.eth/);
  });
  it('takes an ENS name, normalised (ENSIP-15), and refuses one that does not normalise', () => {
    expect(parseRecipient('Vitalik.ETH')).toEqual({ kind: 'ens', name: 'vitalik.eth' });
    expect(parseRecipient('pay.alice.eth')).toEqual({ kind: 'ens', name: 'pay.alice.eth' });
    expect(refusal(() => parseRecipient('bad!name.eth'))).toMatch(/not a valid ENS name/);
    expect(refusal(() => parseRecipient('two words.eth'))).toMatch(/enter an address/);
  });
});

describe('ENS', () => {
  it('lives on Ethereum mainnet and Sepolia only', () => {
    expect(hasEns('0x1')).toBe(true);
    expect(hasEns('0xaa36a7')).toBe(true);
    expect(hasEns('0x7a69')).toBe(false);
    expect(hasEns('0x2105')).toBe(false);
  });
  it('a chain without ENS refuses the name, naming the chain, without asking its node', async () => {
    let calls = 0;
    const rpc: typeof chainRpc = async (...args) => {
      calls++;
      return chainRpc(...args);
    };
    const chain = {
      chainId: '0x7a69' as const,
      name: 'Trine local',
      rpcUrl: 'http://127.0.0.1:1',
      symbol: 'ETH',
    };
    await expect(resolveEnsName('alice.eth', chain, rpc)).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'recipient: Trine local has no ENS; enter an address',
    });
    expect(calls).toBe(0);
  });
});

describe('amount', () => {
  it('decimal text in the asset units to raw units', () => {
    expect(parseAmount('1.5', 18, 'ETH')).toBe(1_500_000_000_000_000_000n);
    expect(parseAmount(' 0.000001 ', 6, 'USDC')).toBe(1n);
    expect(parseAmount('.5', 1, 'X')).toBe(5n);
    expect(parseAmount('7.', 0, 'NFT')).toBe(7n);
    expect(parseAmount('12', 2, 'EUR')).toBe(1200n);
    expect(formatAmount(1_500_000_000_000_000_000n, 18, 'ETH')).toBe('1.5 ETH');
  });
  it('refuses negative, zero, empty, not-a-number, too many decimals and more than a uint256', () => {
    expect(refusal(() => parseAmount('-1', 18, 'ETH'))).toBe('amount: the amount must be more than zero');
    expect(refusal(() => parseAmount('0', 18, 'ETH'))).toBe('amount: the amount must be more than zero');
    expect(refusal(() => parseAmount('0.000', 18, 'ETH'))).toBe('amount: the amount must be more than zero');
    expect(refusal(() => parseAmount('', 18, 'ETH'))).toBe('amount: enter an amount');
    expect(refusal(() => parseAmount('1,5', 18, 'ETH'))).toMatch(/not a number/);
    expect(refusal(() => parseAmount('1e18', 18, 'ETH'))).toMatch(/not a number/);
    expect(refusal(() => parseAmount('.', 18, 'ETH'))).toMatch(/not a number/);
    expect(refusal(() => parseAmount('0.1234567', 6, 'USDC'))).toBe(
      'amount: USDC has 6 decimals; 0.1234567 has 7',
    );
    expect(refusal(() => parseAmount('1.5', 0, 'NFT'))).toMatch(/no decimals/);
    expect(refusal(() => parseAmount('9'.repeat(80), 0, 'X'))).toMatch(/too large/);
  });
  it('misuse of the function itself is a type or range error', () => {
    expect(() => parseAmount(1 as unknown as string, 18, 'ETH')).toThrow(TypeError);
    expect(() => parseAmount('1', -1, 'ETH')).toThrow(RangeError);
  });
});

describe('ERC-20 transfer calldata', () => {
  it('is transfer(to, amount), selector 0xa9059cbb', () => {
    const data = transferData(checksummed, 5_000_000n);
    expect(data.slice(0, 10)).toBe('0xa9059cbb');
    expect(data).toHaveLength(2 + 8 + 64 * 2);
    expect(decodeFunctionData({ abi: erc20Abi, data })).toEqual({
      functionName: 'transfer',
      args: [checksummed, 5_000_000n],
    });
  });
});

describe('replacement fees', () => {
  it('raise by 10 %, rounded up, and by at least 1', () => {
    expect(bumped(1_000_000_000n)).toBe(1_100_000_000n);
    expect(bumped(1_000_000_001n)).toBe(1_100_000_002n); // ⌈1 100 000 001.1⌉
    expect(bumped(0n)).toBe(1n);
    expect(bumped(5n)).toBe(6n);
  });
  it('EIP-1559: both fields at least ×1.1, and never below what the chain asks now', () => {
    const old = {
      type: 'eip1559',
      maxFeePerGas: 3_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
    } as const;
    const quiet = {
      type: 'eip1559',
      maxFeePerGas: 2_000_000_000n,
      maxPriorityFeePerGas: 500_000_000n,
    } as const;
    expect(replacementFees(old, quiet)).toEqual({
      type: 'eip1559',
      maxFeePerGas: 3_300_000_000n,
      maxPriorityFeePerGas: 1_100_000_000n,
    });
    const busy = {
      type: 'eip1559',
      maxFeePerGas: 9_000_000_000n,
      maxPriorityFeePerGas: 2_000_000_000n,
    } as const;
    expect(replacementFees(old, busy)).toEqual({
      type: 'eip1559',
      maxFeePerGas: 9_000_000_000n,
      maxPriorityFeePerGas: 2_000_000_000n,
    });
  });
  it('legacy: the gas price at least ×1.1', () => {
    expect(replacementFees({ type: 'legacy', gasPrice: 10n }, { type: 'legacy', gasPrice: 1n })).toEqual({
      type: 'legacy',
      gasPrice: 11n,
    });
    expect(replacementFees({ type: 'legacy', gasPrice: 10n }, { type: 'legacy', gasPrice: 50n })).toEqual({
      type: 'legacy',
      gasPrice: 50n,
    });
  });
});

describe('review ids', () => {
  const draft = { summary: 'x' } as unknown as SendDraft;
  it('are used once', () => {
    const drafts = new SendDrafts();
    const id = drafts.put(draft);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(drafts.take(id)).toBe(draft);
    expect(refusal(() => drafts.take(id))).toMatch(/expired or was already used/);
  });
  it('expire', () => {
    let now = 1_000;
    const drafts = new SendDrafts(() => now);
    const id = drafts.put(draft);
    now += DRAFT_TTL_MS;
    expect(refusal(() => drafts.take(id))).toMatch(/expired/);
  });
});
