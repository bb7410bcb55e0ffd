/**
 * Builds real user records for tests with the crypto core, as the wallet would: draw
 * f(x) = k + a₁x and g(x) = m + b₁x, seal each factor's share (f(i), g(i)) to the factor key
 * (secp256k1 ECIES), split the network share (f(1), g(1)) among the nodes (Feldman, sealed
 * to an X25519 key per node: the metadata server treats a dealing as opaque, so the nodes'
 * encryption keys from network.json stand in for their inbox keys), seal the private part
 * under a key derived from m. Also signs what the wallet signs (create with its creation
 * proof, write, read) and what nodes attest. A record's `creation` is a stand-in until
 * `createRequest` puts real attestations in it (store-level tests never check it).
 * Every plaintext secret made here is kept in `secrets` so tests can scan storage for it.
 */
import { readFileSync } from 'node:fs';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { nodeSecretsPath } from '../../src/config/init-network.ts';
import type { NetworkConfig } from '../../src/config/network.ts';
import { aeadSeal } from '../../src/crypto/aead.ts';
import { fromHex, randomBytes, toHex, utf8 } from '../../src/crypto/bytes.ts';
import { eciesSeal } from '../../src/crypto/ecies.ts';
import { commit } from '../../src/crypto/feldman.ts';
import { mod, pointToBytes, publicOf, randomScalar, scalarToBytes } from '../../src/crypto/scalar.ts';
import { drawPolynomial, evaluate, type Polynomial } from '../../src/crypto/shamir.ts';
import { encodeSharePair } from '../../src/crypto/sharePair.ts';
import { ecdsaSignBody, ed25519SignBody, importEd25519Signer } from '../../src/crypto/signature.ts';
import { TAG } from '../../src/crypto/tags.ts';
import { x25519Seal } from '../../src/crypto/x25519.ts';
import type {
  Attestation,
  AttestationBody,
  CreateRequest,
  Dealing,
  FactorType,
  MetadataRecord,
  ReadRequest,
  WriteRequest,
} from '../../src/protocol/formats.ts';
import { dealingHash, recordHash } from '../../src/protocol/hashes.ts';
import { dealingSlot, factorSlot, privateSlot } from '../../src/protocol/slots.ts';

export type TestFactor = { type: FactorType; key: bigint; pub: string; index: number; salt?: string };

export type TestUser = {
  P: string;
  k: bigint;
  m: bigint;
  /** Polynomials of the current epoch. */
  f: Polynomial;
  g: Polynomial;
  epoch: number;
  factors: TestFactor[];
  nextIndex: number;
  /** Plaintext of the private part: labels and credential ids. */
  labels: string[];
  credentialIds: string[];
  record: MetadataRecord;
  /** Every plaintext secret ever made for this user (hex or text), for storage scans. */
  secrets: string[];
};

const hex = (s: bigint) => toHex(scalarToBytes(s));
const pub = (s: bigint) => toHex(pointToBytes(publicOf(s)));

export const randomP = () => toHex(randomBytes(32));

async function buildDealing(network: NetworkConfig, u: TestUser, secrets: string[]): Promise<Dealing> {
  const t = network.threshold;
  const F = drawPolynomial(evaluate(u.f, 1), t); // F(0) = f(1)
  const G = drawPolynomial(evaluate(u.g, 1), t); // G(0) = g(1)
  const shares = await Promise.all(
    network.nodes.map(async (node) => {
      const pair = { f: evaluate(F, node.index), g: evaluate(G, node.index) };
      secrets.push(hex(pair.f), hex(pair.g));
      const sealed = await x25519Seal(
        fromHex(node.encryptionKey, 32),
        encodeSharePair(pair),
        dealingSlot(u.P, u.epoch, node.index, node.encryptionKey),
      );
      return { node: node.index, inbox: node.encryptionKey, sealed: toHex(sealed) };
    }),
  );
  return {
    kind: 'dealing',
    v: 1,
    P: u.P,
    epoch: u.epoch,
    threshold: t,
    tss: { K: pub(u.k), A1: pub(u.f[1]!) },
    meta: { M: pub(u.m), B1: pub(u.g[1]!) },
    commitments: { F: commit(F).map(toHex), G: commit(G).map(toHex) },
    shares,
  };
}

function sealFactors(u: TestUser): MetadataRecord['factors'] {
  return u.factors.map((factor) => {
    const pair = { f: evaluate(u.f, factor.index), g: evaluate(u.g, factor.index) };
    u.secrets.push(hex(pair.f), hex(pair.g));
    const sealed = eciesSeal(
      fromHex(factor.pub, 33),
      encodeSharePair(pair),
      factorSlot(u.P, u.epoch, factor.index, factor.pub),
    );
    return {
      pub: factor.pub,
      index: factor.index,
      type: factor.type,
      ...(factor.salt ? { salt: factor.salt } : {}),
      sealed: toHex(sealed),
    };
  });
}

function sealPrivate(u: TestUser): string {
  // as wallet/privatePart.ts: HKDF-SHA-256(m, salt = tag, info = P)
  const key = hkdf(sha256, scalarToBytes(u.m), utf8(TAG.metadataPrivate), fromHex(u.P, 32), 32);
  const plain = utf8(JSON.stringify({ labels: u.labels, credentialIds: u.credentialIds }));
  return toHex(aeadSeal(key, plain, privateSlot(u.P)));
}

async function buildRecord(
  network: NetworkConfig,
  u: TestUser,
  previous?: MetadataRecord['previous'],
): Promise<MetadataRecord> {
  u.secrets.push(hex(evaluate(u.f, 1)), hex(evaluate(u.g, 1)));
  return {
    v: 1,
    P: u.P,
    epoch: u.epoch,
    tss: { K: pub(u.k), A1: pub(u.f[1]!) },
    meta: { M: pub(u.m), B1: pub(u.g[1]!) },
    factors: sealFactors(u),
    nextIndex: u.nextIndex,
    private: sealPrivate(u),
    dealing: await buildDealing(network, u, u.secrets),
    creation: u.record?.creation ?? standInCreation(u),
    ...(previous ? { previous } : {}),
  };
}

/** Schema-valid but unsigned: replaced by createRequest before a create is sent. */
function standInCreation(u: TestUser): MetadataRecord['creation'] {
  const body: AttestationBody = {
    kind: 'node-attestation',
    node: 1,
    P: u.P,
    issuedAt: 0,
    sessionPub: '00'.repeat(32),
    candidateM: pub(u.m),
    inbox: '00'.repeat(32),
    registered: false,
    epoch: 0,
  };
  return { attestations: [{ body, sig: '00'.repeat(64) }], authorization: '00'.repeat(64) };
}

/** m's authorization of a dealing (first install, or a new epoch), as the wallet signs it. */
export function authorizeDealing(m: bigint, dealing: Dealing): string {
  const body = {
    kind: 'dealing-authorization',
    P: dealing.P,
    epoch: dealing.epoch,
    dealingHash: dealingHash(dealing),
  };
  return toHex(ecdsaSignBody(scalarToBytes(m), body));
}

function newFactor(u: TestUser, type: FactorType): TestFactor {
  const key = randomScalar();
  const factor: TestFactor = { type, key, pub: pub(key), index: u.nextIndex };
  if (type === 'password') factor.salt = toHex(randomBytes(16)); // argon2id salt
  u.nextIndex += 1;
  u.secrets.push(hex(key));
  return factor;
}

/** A new user at epoch 1 with the given first factors. */
export async function newUser(
  network: NetworkConfig,
  options: { P?: string; factors?: FactorType[]; label?: string } = {},
): Promise<TestUser> {
  const k = randomScalar();
  const m = randomScalar();
  const label = options.label ?? `wallet label ${toHex(randomBytes(6))}`;
  const credentialId = toHex(randomBytes(16));
  const u: TestUser = {
    P: options.P ?? randomP(),
    k,
    m,
    f: drawPolynomial(k, 2),
    g: drawPolynomial(m, 2),
    epoch: 1,
    factors: [],
    nextIndex: 2,
    labels: [label],
    credentialIds: [credentialId],
    record: undefined as unknown as MetadataRecord,
    secrets: [hex(k), hex(m), label, credentialId],
  };
  for (const type of options.factors ?? ['passkey']) u.factors.push(newFactor(u, type));
  u.record = await buildRecord(network, u);
  return u;
}

/** Same epoch, one more factor (and a label for it). Returns the new record; `u` is updated. */
export function addFactor(u: TestUser, type: FactorType): MetadataRecord {
  u.factors.push(newFactor(u, type));
  const label = `factor label ${toHex(randomBytes(6))}`;
  const credentialId = toHex(randomBytes(16));
  u.labels.push(label);
  u.credentialIds.push(credentialId);
  u.secrets.push(label, credentialId);
  // same epoch: keep the dealing and commitments, reseal only what changed
  const record: MetadataRecord = {
    ...u.record,
    factors: [...u.record.factors, ...sealFactors({ ...u, factors: [u.factors.at(-1)!] })],
    nextIndex: u.nextIndex,
    private: sealPrivate(u),
  };
  u.record = record;
  return record;
}

/** Refresh: new polynomials with the same k, m, epoch + 1, `previous` kept; optionally drop a factor. */
export async function refresh(
  network: NetworkConfig,
  u: TestUser,
  options: { removeIndex?: number } = {},
): Promise<MetadataRecord> {
  const old = u.record;
  u.factors = u.factors.filter((f) => f.index !== options.removeIndex);
  u.f = drawPolynomial(u.k, 2);
  u.g = drawPolynomial(u.m, 2);
  u.epoch += 1;
  u.record = await buildRecord(network, u, {
    epoch: old.epoch,
    tss: { A1: old.tss.A1 },
    meta: { B1: old.meta.B1 },
    factors: old.factors,
  });
  return u.record;
}

/** The record with a changed private part only (a plain same-epoch write). */
export function touch(u: TestUser, note: string): MetadataRecord {
  u.labels.push(note);
  u.record = { ...u.record, private: sealPrivate(u) };
  return u.record;
}

export function signWrite(m: bigint, record: MetadataRecord, expectedVersion: number): string {
  const body = {
    kind: 'record-write',
    P: record.P,
    expectedVersion,
    recordHash: recordHash(record),
  } as const;
  return toHex(ecdsaSignBody(scalarToBytes(m), body));
}

export function writeRequest(u: TestUser, expectedVersion: number, record = u.record): WriteRequest {
  return { record, expectedVersion, signature: signWrite(u.m, record, expectedVersion) };
}

/** A read signed with the network share g(1) of the current epoch. */
export function readRequest(u: TestUser, issuedAt = Date.now(), g1 = evaluate(u.g, 1)): ReadRequest {
  const request = { kind: 'record-read', P: u.P, issuedAt } as const;
  return { request, signature: toHex(ecdsaSignBody(scalarToBytes(mod(g1)), request)) };
}

type NodeSigner = { index: number; signer: CryptoKey };

/** Loads the node signing keys from a network directory made by initNetwork. */
export async function nodeSigners(dir: string, network: NetworkConfig): Promise<NodeSigner[]> {
  return Promise.all(
    network.nodes.map(async (node) => {
      const secrets = JSON.parse(readFileSync(nodeSecretsPath(dir, node.index), 'utf8'));
      const signer = await importEd25519Signer(fromHex(secrets.signingKey, 32), fromHex(node.signingKey, 32));
      return { index: node.index, signer };
    }),
  );
}

/**
 * Node attestations as the nodes sign them: for a test user they bind its P and its M (the
 * login's candidate key); for a bare P, a random candidate key.
 */
export async function attest(
  signers: readonly NodeSigner[],
  who: TestUser | string,
  overrides: Partial<AttestationBody> = {},
): Promise<Attestation[]> {
  const P = typeof who === 'string' ? who : who.P;
  const candidateM = typeof who === 'string' ? pub(randomScalar()) : pub(who.m);
  return Promise.all(
    signers.map(async ({ index, signer }) => {
      const body: AttestationBody = {
        kind: 'node-attestation',
        node: index,
        P,
        issuedAt: Date.now(),
        sessionPub: toHex(randomBytes(32)),
        candidateM,
        inbox: toHex(randomBytes(32)),
        registered: false,
        epoch: 0,
        ...overrides,
      };
      return { body, sig: toHex(await ed25519SignBody(signer, body)) };
    }),
  );
}

/** A create of the user's record with `attestations` as its creation proof (the record is updated). */
export async function createRequest(u: TestUser, attestations: Attestation[]): Promise<CreateRequest> {
  u.record = {
    ...u.record,
    creation: { attestations, authorization: authorizeDealing(u.m, u.record.dealing) },
  };
  return { record: u.record, signature: signWrite(u.m, u.record, 0) };
}
