import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/bytes.ts';
import { dealingHash, recordHash } from '../../../src/protocol/hashes.ts';
import { sessionNonce } from '../../../src/protocol/nonce.ts';
import {
  dealingSlot,
  factorSlot,
  nodeStorageSlot,
  privateSlot,
  shareSlot,
} from '../../../src/protocol/slots.ts';
import { dealing, record } from './fixtures.ts';

describe('dealingHash and recordHash', () => {
  it('are 32-byte hex, stable under key order, and change with any field', () => {
    expect(dealingHash(dealing)).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(dealing).reverse()) as typeof dealing;
    expect(dealingHash(reordered)).toBe(dealingHash(dealing));
    expect(dealingHash({ ...dealing, epoch: 2 })).not.toBe(dealingHash(dealing));
    expect(recordHash({ ...record, nextIndex: 5 })).not.toBe(recordHash(record));
    expect(recordHash({ ...record, private: `${record.private}00` })).not.toBe(recordHash(record));
  });

  it('are domain-separated from each other', () => {
    // the same object hashed as a dealing and as a record gives different hashes
    const asRecord = dealing as unknown as typeof record;
    expect(recordHash(asRecord)).not.toBe(dealingHash(dealing));
  });
});

describe('slots', () => {
  const P = 'ab'.repeat(32);
  const key = 'cd'.repeat(32);
  it('differ by purpose and by every field', () => {
    const all = [
      shareSlot(P, 1, 2, key),
      shareSlot(P, 2, 2, key),
      shareSlot(P, 1, 3, key),
      shareSlot(P, 1, 2, 'ef'.repeat(32)),
      shareSlot('ef'.repeat(32), 1, 2, key),
      dealingSlot(P, 1, 2, key),
      factorSlot(P, 1, 2, key),
      privateSlot(P),
      nodeStorageSlot(P),
    ].map(toHex);
    expect(new Set(all).size).toBe(all.length);
  });

  it('are canonical JSON naming the slot', () => {
    expect(new TextDecoder().decode(factorSlot(P, 1, 2, key))).toBe(
      `{"P":"${P}","epoch":1,"factor":"${key}","index":2,"slot":"factor-share"}`,
    );
  });
});

describe('session nonce', () => {
  it('is base64url(SHA-256(sessionPub)), 43 characters', () => {
    const nonce = sessionNonce(new Uint8Array(32));
    expect(nonce).toBe('Zmh6rfhivXdsj8GLjp-OIAiXFIVu4jOzkCpZHQ1fKSU');
    expect(sessionNonce(new Uint8Array(32).fill(1))).not.toBe(nonce);
    expect(() => sessionNonce(new Uint8Array(33))).toThrow(RangeError);
  });
});
