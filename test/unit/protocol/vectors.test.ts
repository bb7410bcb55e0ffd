/** Known-answer vectors of the record formats (test/vectors/records.json, scripts/gen-vectors.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { Dealing, MetadataRecord } from '../../../src/protocol/formats.ts';
import { dealingHash, recordHash } from '../../../src/protocol/hashes.ts';
import { loginNonce } from '../../../src/protocol/nonce.ts';
import { parse } from '../../../src/protocol/parse.ts';
import {
  dealingSlot,
  factorSlot,
  nodeInboxSlot,
  nodeStorageSlot,
  privateSlot,
  shareSlot,
} from '../../../src/protocol/slots.ts';

const v = JSON.parse(readFileSync(new URL('../../vectors/records.json', import.meta.url), 'utf8'));

describe('vectors: records, hashes, slots', () => {
  it('the frozen dealing and record are valid and hash to the frozen values', () => {
    expect(dealingHash(parse(Dealing, v.dealing, 'dealing'))).toBe(v.dealingHash);
    expect(recordHash(parse(MetadataRecord, v.record, 'record'))).toBe(v.recordHash);
  });

  it('slots and the login nonce have not changed', () => {
    const { P, key } = v.slots;
    expect(toHex(shareSlot(P, 1, 3, key))).toBe(v.slots.share);
    expect(toHex(dealingSlot(P, 1, 3, key))).toBe(v.slots.dealing);
    expect(toHex(factorSlot(P, 1, 2, key))).toBe(v.slots.factor);
    expect(toHex(privateSlot(P))).toBe(v.slots.private);
    expect(toHex(nodeStorageSlot(P))).toBe(v.slots.nodeStorage);
    expect(toHex(nodeInboxSlot(P, key))).toBe(v.slots.nodeInbox);
    const { sessionPub, candidateM, nonce } = v.loginNonce;
    expect(loginNonce(fromHex(sessionPub, 32), fromHex(candidateM, 33))).toBe(nonce);
  });
});
