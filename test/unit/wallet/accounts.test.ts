/**
 * Accounts from one key (src/wallet/accounts.ts): the committed vector, distinct and
 * deterministic keys, index range checks, and one-way derivation (no public tweak).
 */
import { readFileSync } from 'node:fs';
import { privateKeyToAddress } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { mod, N, randomScalar, scalarToBytes } from '../../../src/crypto/scalar.ts';
import { TAG } from '../../../src/crypto/tags.ts';
import { accountAddress, accountKey, MAX_ACCOUNT_INDEX } from '../../../src/wallet/accounts.ts';
import { expectTrine } from '../crypto/helpers.ts';

const vector = JSON.parse(readFileSync(new URL('../../vectors/accounts.json', import.meta.url), 'utf8')) as {
  tag: string;
  k: string;
  accounts: { index: number; key: string; address: string }[];
};
const hex64 = (x: bigint) => x.toString(16).padStart(64, '0');

describe('accounts: k_i = hashToScalar(HMAC-SHA-256(k, tag ‖ i))', () => {
  it('reproduces test/vectors/accounts.json (keys and addresses)', () => {
    expect(vector.tag).toBe(TAG.account);
    const k = BigInt(`0x${vector.k}`);
    for (const a of vector.accounts) {
      expect(hex64(accountKey(k, a.index)), `account ${a.index}`).toBe(a.key);
      expect(accountAddress(k, a.index).toLowerCase()).toBe(a.address);
    }
  });

  it('account 0 is k itself; addresses are EIP-55 and match viem', () => {
    const k = randomScalar();
    expect(accountKey(k, 0)).toBe(k);
    for (const i of [0, 1, 5]) {
      const key = `0x${toHex(scalarToBytes(accountKey(k, i)))}` as const;
      expect(accountAddress(k, i)).toBe(privateKeyToAddress(key));
    }
  });

  it('is deterministic and gives distinct keys per index and per wallet', () => {
    const k = randomScalar();
    const keys = Array.from({ length: 20 }, (_, i) => accountKey(k, i));
    expect(new Set(keys).size).toBe(20);
    expect(Array.from({ length: 20 }, (_, i) => accountKey(k, i))).toEqual(keys);
    const other = randomScalar();
    expect(accountKey(other, 1)).not.toBe(accountKey(k, 1));
    for (const key of keys) expect(key > 0n && key < N).toBe(true);
  });

  it('is one-way: no public tweak links account 1 to k, and account 1’s key derives nothing of account 0’s', () => {
    const k = randomScalar();
    const other = randomScalar();
    const k1 = accountKey(k, 1);
    // With a public tweak (k_1 = k + t), t would be the same for every wallet and k_1 − t = k.
    expect(mod(k1 - k)).not.toBe(mod(accountKey(other, 1) - other));
    // Whoever holds k_1 (an exported key) and treats it as a root gets other keys, never k or k_2.
    const fromK1 = Array.from({ length: 10 }, (_, i) => accountKey(k1, i + 1));
    expect(fromK1).not.toContain(k);
    expect(fromK1).not.toContain(accountKey(k, 2));
  });

  it('refuses an index outside 0 … 2³¹−1 or not an integer, naming the field', () => {
    const k = randomScalar();
    for (const bad of [-1, MAX_ACCOUNT_INDEX + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = expectTrine(() => accountKey(k, bad), 'invalid-input');
      expect(error.message).toMatch(/^index: an account index is an integer from 0 to 2147483647/);
    }
    expect(() => accountKey(k, '1' as unknown as number)).toThrow(/index/);
    expect(accountKey(k, MAX_ACCOUNT_INDEX)).not.toBe(accountKey(k, MAX_ACCOUNT_INDEX - 1));
  });

  it('refuses a k that is not a scalar in [1, n−1]', () => {
    for (const bad of [0n, N, -1n]) expect(() => accountKey(bad, 1)).toThrow(RangeError);
    expect(() => accountKey(1 as unknown as bigint, 1)).toThrow(RangeError);
  });
});
