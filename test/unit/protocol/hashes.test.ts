import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, toBase64Url, toHex, utf8 } from '../../../src/crypto/bytes.ts';
import { dealingHash, recordHash } from '../../../src/protocol/hashes.ts';
import { loginNonce } from '../../../src/protocol/nonce.ts';
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

describe('login nonce', () => {
  const sessionPub = new Uint8Array(32);
  const candidateM = new Uint8Array(33).fill(2);

  it('is base64url(SHA-256(tag ‖ 0 ‖ sessionPub ‖ candidateM)), 43 characters', () => {
    const nonce = loginNonce(sessionPub, candidateM);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expected = toBase64Url(
      sha256(concatBytes(utf8('trine:login-nonce:v1'), new Uint8Array([0]), sessionPub, candidateM)),
    );
    expect(nonce).toBe(expected);
    expect(nonce).toBe('SyT-_6RC9jpN9oZeyiQXMWA-JUH2ZAIJTqU2Y0wFz-U');
    expect(loginNonce(sessionPub, candidateM)).toBe(nonce); // deterministic
  });

  it('binds both keys: changing either one changes the nonce', () => {
    const nonce = loginNonce(sessionPub, candidateM);
    expect(loginNonce(new Uint8Array(32).fill(1), candidateM)).not.toBe(nonce);
    const otherM = candidateM.slice();
    otherM[32] = 1;
    expect(loginNonce(sessionPub, otherM)).not.toBe(nonce);
    // not the old session-only nonce base64url(SHA-256(sessionPub))
    expect(nonce).not.toBe(toBase64Url(sha256(sessionPub)));
    // the split between the two keys is fixed by their lengths: no shifting bytes across
    const shifted = concatBytes(sessionPub.subarray(1), candidateM.subarray(0, 1));
    expect(loginNonce(shifted, concatBytes(candidateM.subarray(1), new Uint8Array(1)))).not.toBe(nonce);
  });

  it('rejects keys of the wrong length', () => {
    expect(() => loginNonce(new Uint8Array(33), candidateM)).toThrow(RangeError);
    expect(() => loginNonce(new Uint8Array(31), candidateM)).toThrow(RangeError);
    expect(() => loginNonce(sessionPub, new Uint8Array(32))).toThrow(RangeError);
    expect(() => loginNonce(sessionPub, new Uint8Array(65))).toThrow(RangeError);
  });
});
