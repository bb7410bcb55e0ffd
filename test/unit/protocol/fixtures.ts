/**
 * One valid instance of every wire and record format, built deterministically from fixed
 * scalars (real commitments; sealed fields and signatures are fixed filler bytes of the right
 * size, since the schemas only check their shape). Used by the format tests, the fuzzers
 * (as seeds to mutate) and scripts/gen-vectors.ts (the record whose hashes are frozen).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from '../../../src/crypto/bytes.ts';
import { commit } from '../../../src/crypto/feldman.ts';
import { mod, pointToBytes, publicOf } from '../../../src/crypto/scalar.ts';
import type * as formats from '../../../src/protocol/formats.ts';

/** `bytes` bytes of filler, different per label. */
export function filler(label: string, bytes: number): string {
  let out = '';
  for (let i = 0; out.length < bytes * 2; i++) out += toHex(sha256(utf8(`${label}:${i}`)));
  return out.slice(0, bytes * 2);
}

const pub = (s: bigint) => toHex(pointToBytes(publicOf(s)));

export const P = filler('P', 32);
export const sessionPub = filler('sessionPub', 32);
/** The one-time inbox key a node hands out for P's next dealing. */
export const inbox = (node: number) => filler(`inbox-${node}`, 32);
const [k, a1, m, b1] = [11n, 12n, 13n, 14n];
export const tss = { K: pub(k), A1: pub(a1) };
export const meta = { M: pub(m), B1: pub(b1) };
/** Node polynomials of threshold 3 around the network share (f(1), g(1)). */
const F = [mod(k + a1), 101n, 102n];
const G = [mod(m + b1), 201n, 202n];
export const commitments = { F: commit(F).map(toHex), G: commit(G).map(toHex) };
const issuedAt = 1_700_000_000_000;
const login = {
  verifier: 'dev',
  idToken: `eyJhbGciOiJFUzI1NiJ9.${filler('token', 40)}.sig`,
  sessionPub,
  candidateM: meta.M,
};

export const dealing: formats.Dealing = {
  kind: 'dealing',
  v: 1,
  P,
  epoch: 1,
  threshold: 3,
  tss,
  meta,
  commitments,
  shares: [1, 2, 3, 4, 5].map((node) => ({
    node,
    inbox: inbox(node),
    sealed: filler(`dealing-share-${node}`, 137),
  })),
};

export const receiptBody: formats.ReceiptBody = {
  kind: 'receipt',
  P,
  epoch: 1,
  dealingHash: filler('dealingHash', 32),
  version: 1,
  issuedAt,
};
export const receipt: formats.Receipt = { body: receiptBody, sig: filler('receipt-sig', 64) };

const attestationBody: formats.AttestationBody = {
  kind: 'node-attestation',
  node: 2,
  P,
  issuedAt,
  sessionPub,
  candidateM: meta.M,
  inbox: inbox(2),
  registered: false,
  epoch: 0,
};
const attestation = (node: number): formats.Attestation => ({
  body: { ...attestationBody, node, inbox: inbox(node) },
  sig: filler(`attestation-${node}`, 64),
});

/** The record's creation proof: t attestations binding M, and m's authorization of the dealing. */
export const creation: formats.Creation = {
  attestations: [attestation(1), attestation(2), attestation(3)],
  authorization: filler('creation-authorization', 64),
};

export const record: formats.MetadataRecord = {
  v: 1,
  P,
  epoch: 1,
  tss,
  meta,
  factors: [
    { pub: pub(21n), index: 2, type: 'passkey', sealed: filler('factor-2', 138) },
    { pub: pub(22n), index: 3, type: 'password', salt: filler('salt', 16), sealed: filler('factor-3', 138) },
  ],
  nextIndex: 4,
  private: filler('private', 120),
  dealing,
  creation,
};

const nodeShareOk = {
  kind: 'node-share',
  status: 'ok',
  node: 2,
  P,
  issuedAt,
  sessionPub,
  inbox: inbox(2),
  epoch: 1,
  tss: { K: tss.K },
  meta: { M: meta.M },
  commitments,
  sealed: filler('node-share', 137),
} as const;
const nodeShareUnknown = {
  kind: 'node-share',
  status: 'unknown',
  node: 2,
  P,
  issuedAt,
  sessionPub,
  inbox: inbox(2),
} as const;

/** A valid value for every schema exported by src/protocol/formats.ts, by export name. */
export const validFormats: Record<string, unknown> = {
  FactorType: 'password',
  Dealing: dealing,
  ReceiptBody: receiptBody,
  Receipt: receipt,
  DealingAuthorizationBody: { kind: 'dealing-authorization', P, epoch: 2, dealingHash: filler('d2', 32) },
  ShareRequest: login,
  NodeShareOk: nodeShareOk,
  NodeShareUnknown: nodeShareUnknown,
  NodeShareBody: nodeShareOk,
  ShareResponse: {
    answer: { body: nodeShareUnknown, sig: filler('answer', 64) },
    attestation: attestation(2),
  },
  AttestationBody: attestationBody,
  Attestation: attestation(2),
  AttestRequest: login,
  Creation: creation,
  InstallRequest: { ...login, dealing, receipt, authorization: filler('authorization', 64), creation },
  InstallAckBody: { kind: 'install-ack', node: 2, P, epoch: 1, dealingHash: filler('dealingHash', 32) },
  InstallAck: {
    body: { kind: 'install-ack', node: 2, P, epoch: 1, dealingHash: filler('dealingHash', 32) },
    sig: filler('ack', 64),
  },
  FactorEntry: record.factors[0],
  MetadataRecord: record,
  RecordWriteBody: { kind: 'record-write', P, expectedVersion: 0, recordHash: filler('recordHash', 32) },
  CreateRequest: { record, signature: filler('create', 64) },
  RecordReadBody: { kind: 'record-read', P, issuedAt },
  ReadRequest: { request: { kind: 'record-read', P, issuedAt }, signature: filler('read', 64) },
  ReadResponse: { version: 3, record, receipt },
  RecordReadByFactorBody: { kind: 'record-read-by-factor', factor: record.factors[0]!.pub, issuedAt, P },
  ReadByFactorRequest: {
    request: { kind: 'record-read-by-factor', factor: record.factors[0]!.pub, issuedAt },
    signature: filler('read-by-factor', 64),
  },
  ReadByFactorResponse: { version: 3, record, receipt, others: [filler('other-P', 32)] },
  WriteRequest: { record, expectedVersion: 3, signature: filler('write', 64) },
  WriteResponse: { version: 4, receipt },
  AlreadyRegistered: {
    error: { code: 'already-registered', message: 'P is registered' },
    dealing,
    receipt,
    creation,
  },
  ErrorBody: {
    error: { code: 'invalid-input', message: 'body.P: expected 32 bytes', details: { field: 'body.P' } },
  },
};

/** A valid network description (src/config/network.ts). */
export const networkConfig = {
  version: 1,
  threshold: 3,
  nodes: [1, 2, 3, 4, 5].map((index) => ({
    index,
    url: `http://127.0.0.1:${7100 + index}`,
    signingKey: filler(`node-sign-${index}`, 32),
    encryptionKey: filler(`node-enc-${index}`, 32),
  })),
  metadata: { url: 'http://127.0.0.1:7200', signingKey: filler('metadata-sign', 32) },
  verifiers: [{ name: 'dev', issuer: 'http://localhost:7300', audiences: ['trine-extension'] }],
};
