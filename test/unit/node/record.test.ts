/** Node records at rest: sealed under the storage key and bound to P. */
import { describe, expect, it } from 'vitest';
import { randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { type NodeRecord, openRecord, recordKey, sealRecord } from '../../../src/node/record.ts';

const point = `02${'11'.repeat(32)}`;
const record: NodeRecord = {
  v: 1,
  epoch: 3,
  share: toHex(randomBytes(64)),
  commitments: { F: [point, point], G: [point, point] },
  K: point,
  M: point,
  dealingHash: toHex(randomBytes(32)),
};

describe('node record at rest', () => {
  const key = recordKey(randomBytes(32));
  const P = toHex(randomBytes(32));

  it('round-trips and never shows the sub-share in the sealed bytes', () => {
    const sealed = sealRecord(key, P, record);
    expect(openRecord(key, P, sealed)).toEqual(record);
    expect(Buffer.from(sealed).includes(Buffer.from(record.share))).toBe(false);
    expect(Buffer.from(sealed).includes(Buffer.from(record.share, 'hex'))).toBe(false);
  });

  it('does not open under another key or another P', () => {
    const sealed = sealRecord(key, P, record);
    expect(() => openRecord(recordKey(randomBytes(32)), P, sealed)).toThrow(/does not open/);
    expect(() => openRecord(key, toHex(randomBytes(32)), sealed)).toThrow(/does not open/);
    const flipped = sealed.slice();
    flipped[40]! ^= 1;
    expect(() => openRecord(key, P, flipped)).toThrow(/does not open/);
  });

  it('derives the record key from the storage key (not the storage key itself)', () => {
    const storageKey = randomBytes(32);
    expect(toHex(recordKey(storageKey))).not.toBe(toHex(storageKey));
    expect(recordKey(storageKey)).toEqual(recordKey(storageKey));
    expect(() => recordKey(randomBytes(16))).toThrow(RangeError);
  });
});
