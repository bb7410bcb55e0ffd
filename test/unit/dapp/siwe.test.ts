/** EIP-4361 messages built with viem's own createSiweMessage, checked as the wallet would. */
import { createSiweMessage } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import { checkSiwe } from '../../../src/extension/dapp/siwe.ts';

const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const now = new Date('2026-01-01T00:00:00Z');
const message = (overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) =>
  createSiweMessage({
    address,
    chainId: 31337,
    domain: 'localhost:5173',
    nonce: 'abcdef1234567890',
    uri: 'http://localhost:5173/login',
    version: '1',
    issuedAt: new Date('2025-12-31T23:59:00Z'),
    statement: 'Sign in to the test dApp.',
    ...overrides,
  });
const check = { origin: 'http://localhost:5173', address, chainId: 31337, now };

describe('checkSiwe', () => {
  it('parses a sign-in message from its own site without warnings', () => {
    const view = checkSiwe(message(), check);
    expect(view).toMatchObject({
      domain: 'localhost:5173',
      address,
      statement: 'Sign in to the test dApp.',
      uri: 'http://localhost:5173/login',
      chainId: 31337,
      nonce: 'abcdef1234567890',
      issuedAt: '2025-12-31T23:59:00.000Z',
      warnings: [],
    });
  });

  it('warns when the message signs in to another domain than the requesting site', () => {
    const view = checkSiwe(message({ domain: 'bank.example' }), check);
    expect(view?.warnings).toHaveLength(1);
    expect(view?.warnings[0]).toMatch(
      /^Domain mismatch: the message signs you in to "bank.example", but the request comes from http:\/\/localhost:5173/,
    );
    // Same host, other port: another site.
    expect(checkSiwe(message({ domain: 'localhost:5174' }), check)?.warnings[0]).toMatch(/Domain mismatch/);
  });

  it('warns on another account, another chain, expiry, not-yet-valid and a scheme mismatch', () => {
    const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
    expect(checkSiwe(message({ address: other }), check)?.warnings).toEqual([
      `The message names the account ${other}, not yours (${address}).`,
    ]);
    expect(checkSiwe(message({ chainId: 1 }), check)?.warnings).toEqual([
      'The message is for chain 1; Trine is on chain 31337.',
    ]);
    expect(checkSiwe(message({ expirationTime: new Date('2025-12-31T00:00:00Z') }), check)?.warnings).toEqual(
      ['The message has expired.'],
    );
    expect(checkSiwe(message({ notBefore: new Date('2026-02-01T00:00:00Z') }), check)?.warnings).toEqual([
      'The message is not valid yet.',
    ]);
    expect(checkSiwe(message({ scheme: 'https' }), check)?.warnings).toEqual([
      'The message names the scheme "https", but the site uses "http".',
    ]);
  });

  it('is null for ordinary text and flags a truncated sign-in message', () => {
    expect(checkSiwe('Hello, world', check)).toBeNull();
    const truncated = message().split('\nNonce:')[0]!;
    expect(checkSiwe(truncated, check)?.warnings).toContain(
      'This sign-in message is malformed: required fields are missing.',
    );
  });
});
