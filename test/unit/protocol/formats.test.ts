import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as formats from '../../../src/protocol/formats.ts';
import { parse } from '../../../src/protocol/parse.ts';
import { expectTrine } from '../crypto/helpers.ts';
import { dealing, filler, receipt, record, validFormats } from './fixtures.ts';

const schemas = Object.entries(formats as Record<string, unknown>).filter(
  (entry): entry is [string, v.GenericSchema] =>
    typeof entry[1] === 'object' && (entry[1] as { kind?: string }).kind === 'schema',
);
const clone = <T>(x: T): T => structuredClone(x);
const rejects = (schema: v.GenericSchema, value: unknown, field: RegExp | string) => {
  const error = expectTrine(() => parse(schema, value, 'body'), 'invalid-input');
  expect(error.message).toMatch(field);
  return error;
};

describe('record and API formats', () => {
  it('every exported schema has a valid example that parses to an equal value', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(27);
    for (const [name, schema] of schemas) {
      expect(validFormats, `fixture for ${name}`).toHaveProperty(name);
      expect(parse(schema, validFormats[name], name)).toEqual(validFormats[name]);
    }
  });

  it('strict objects refuse unknown and missing fields, naming them', () => {
    rejects(formats.Receipt, { ...receipt, extra: 1 }, /extra|key/i);
    const { epoch: _, ...noEpoch } = record;
    rejects(formats.MetadataRecord, noEpoch, /body\.epoch/);
    rejects(formats.ShareRequest, { ...(validFormats.ShareRequest as object), admin: true }, /admin|key/i);
  });

  it('hex must be lower-case, of the exact length, without 0x', () => {
    for (const P of [record.P.toUpperCase(), `0x${record.P.slice(2)}`, record.P.slice(2), `${record.P}00`])
      rejects(formats.MetadataRecord, { ...record, P }, /body\.P/);
    rejects(
      formats.MetadataRecord,
      { ...record, tss: { ...record.tss, K: record.tss.K.slice(0, 64) } },
      /tss\.K/,
    );
    rejects(formats.Receipt, { ...receipt, sig: filler('s', 65) }, /sig/);
  });

  it('numbers must be integers in range', () => {
    for (const epoch of [0, -1, 1.5, 2 ** 31 + 1, Number.NaN, '1', null])
      rejects(formats.ReceiptBody, { ...receipt.body, epoch }, /body\.epoch/);
    rejects(
      formats.Dealing,
      { ...dealing, shares: [{ node: 1001, inbox: filler('i', 32), sealed: '' }] },
      /node/,
    );
  });

  it('refuses oversized lists, sealed blobs and private parts', () => {
    const many = Array.from({ length: formats.MAX_NODES + 1 }, (_, i) => ({
      node: i + 1,
      inbox: filler('i', 32),
      sealed: 'ab',
    }));
    rejects(formats.Dealing, { ...dealing, shares: many }, /shares/);
    const factors = Array.from({ length: formats.MAX_FACTORS + 1 }, (_, i) => ({
      ...record.factors[0]!,
      index: i + 2,
    }));
    rejects(formats.MetadataRecord, { ...record, factors, nextIndex: 100 }, /factors/);
    rejects(formats.FactorEntry, { ...record.factors[0]!, sealed: filler('x', 257) }, /sealed/);
    rejects(
      formats.MetadataRecord,
      { ...record, private: filler('x', formats.MAX_PRIVATE_BYTES + 1) },
      /private/,
    );
  });

  it('a dealing: commitments match the threshold, each node appears once, at least t sub-shares', () => {
    rejects(formats.Dealing, { ...dealing, threshold: 2 }, /threshold/);
    const twice = clone(dealing);
    twice.shares[1]!.node = 1;
    rejects(formats.Dealing, twice, /node appears twice/);
    rejects(formats.Dealing, { ...dealing, shares: dealing.shares.slice(0, 2) }, /fewer sub-shares/);
  });

  it('a record: unique factors and indices, indices below nextIndex, salt only on passwords', () => {
    const [a, b] = record.factors as [formats.FactorEntry, formats.FactorEntry];
    rejects(
      formats.MetadataRecord,
      { ...record, factors: [a, { ...b, pub: a.pub }] },
      /factor appears twice/,
    );
    rejects(
      formats.MetadataRecord,
      { ...record, factors: [a, { ...b, index: a.index }] },
      /index appears twice/,
    );
    rejects(formats.MetadataRecord, { ...record, nextIndex: 3 }, /nextIndex/);
    rejects(formats.MetadataRecord, { ...record, factors: [a, { ...b, salt: undefined }] }, /salt/);
    rejects(formats.MetadataRecord, { ...record, factors: [{ ...a, salt: filler('s', 16) }, b] }, /salt/);
    rejects(formats.FactorEntry, { ...a, index: 1 }, /index/); // index 1 is the network's
    rejects(formats.FactorEntry, { ...a, type: 'sms' }, /type/);
  });

  it('a record: its dealing is for the same P, epoch and commitments; previous is the epoch before', () => {
    rejects(
      formats.MetadataRecord,
      { ...record, dealing: { ...dealing, epoch: 2 } },
      /dealing is not for this record/,
    );
    rejects(
      formats.MetadataRecord,
      { ...record, tss: { ...record.tss, A1: record.meta.B1 } },
      /tss commitments/,
    );
    rejects(
      formats.MetadataRecord,
      { ...record, meta: { ...record.meta, M: record.tss.K } },
      /meta commitments/,
    );
    const previous = { epoch: 1, tss: { A1: record.tss.A1 }, meta: { B1: record.meta.B1 }, factors: [] };
    const next = { ...record, epoch: 2, dealing: { ...dealing, epoch: 2 } };
    expect(parse(formats.MetadataRecord, { ...next, previous }, 'record').previous?.epoch).toBe(1);
    rejects(formats.MetadataRecord, { ...next, previous: { ...previous, epoch: 0 } }, /previous/);
  });

  it('a node answer is one of two variants by status', () => {
    rejects(formats.NodeShareBody, { ...(validFormats.NodeShareOk as object), status: 'maybe' }, /status/);
    const { sealed: _, ...okWithoutSealed } = validFormats.NodeShareOk as Record<string, unknown>;
    rejects(formats.NodeShareBody, okWithoutSealed, /sealed/);
  });

  it('login material: verifier names and id-token sizes are bounded', () => {
    const login = validFormats.ShareRequest as Record<string, unknown>;
    rejects(formats.ShareRequest, { ...login, verifier: 'Dev' }, /verifier/);
    rejects(formats.ShareRequest, { ...login, verifier: 'x'.repeat(65) }, /verifier/);
    rejects(formats.ShareRequest, { ...login, idToken: 'short' }, /idToken/);
    rejects(formats.ShareRequest, { ...login, idToken: 'x'.repeat(8193) }, /idToken/);
  });

  it('parsing does not alias or change the input', () => {
    const input = clone(record);
    const before = JSON.stringify(input);
    const output = parse(formats.MetadataRecord, input, 'record');
    expect(JSON.stringify(input)).toBe(before);
    expect(output).not.toBe(input);
  });
});
