/**
 * Wire and record formats, one schema each, shared by the nodes, the metadata server and
 * the wallet. Bytes travel as lower-case hex. Every object that is signed has a `kind`
 * (see crypto/signature.ts for the digest). docs/PROTOCOL.md explains each field.
 */
import * as v from 'valibot';
import { hex, hexUpTo, int, key32, point } from './parse.ts';

export const MAX_NODES = 64;
export const MAX_FACTORS = 32;
export const MAX_EPOCH = 2 ** 31;
export const MAX_PRIVATE_BYTES = 64 * 1024;
/** At most this many records are looked up for one factor key (read-by-factor). */
export const MAX_RECORDS_PER_FACTOR = 16;
/** Upper bound of any request body (bytes of JSON). */
export const MAX_BODY_BYTES = 512 * 1024;

const P = hex(32);
const epoch = int(1, MAX_EPOCH);
const nodeIndex = int(1, 1000);
const time = int(0, 2 ** 53 - 1);
const sig64 = hex(64);
const sealedShare = hexUpTo(256);

/** A signed object: the body and a signature over its tagged canonical digest. */
export const signed = <S extends v.GenericSchema>(body: S) => v.strictObject({ body, sig: sig64 });

export const FactorType = v.picklist(['passkey', 'phrase', 'password', 'device', 'imported']);
export type FactorType = v.InferOutput<typeof FactorType>;

const commitments = v.strictObject({
  F: v.pipe(v.array(point), v.minLength(1), v.maxLength(MAX_NODES)),
  G: v.pipe(v.array(point), v.minLength(1), v.maxLength(MAX_NODES)),
});

// ---------- dealing: the network share split among the nodes for one epoch ----------

export const Dealing = v.pipe(
  v.strictObject({
    kind: v.literal('dealing'),
    v: v.literal(1),
    P,
    epoch,
    threshold: int(1, MAX_NODES),
    tss: v.strictObject({ K: point, A1: point }),
    meta: v.strictObject({ M: point, B1: point }),
    commitments,
    /** Node j's F(j) ‖ G(j), sealed to the one-time inbox key it handed out for P (slot dealingSlot). */
    shares: v.pipe(
      v.array(v.strictObject({ node: nodeIndex, inbox: key32, sealed: sealedShare })),
      v.minLength(1),
      v.maxLength(MAX_NODES),
    ),
  }),
  v.check(
    (d) => d.commitments.F.length === d.threshold && d.commitments.G.length === d.threshold,
    'commitments do not match the threshold',
  ),
  v.check((d) => new Set(d.shares.map((s) => s.node)).size === d.shares.length, 'a node appears twice'),
  v.check((d) => d.shares.length >= d.threshold, 'fewer sub-shares than the threshold'),
);
export type Dealing = v.InferOutput<typeof Dealing>;

export const ReceiptBody = v.strictObject({
  kind: v.literal('receipt'),
  P,
  epoch,
  dealingHash: hex(32),
  version: int(1, 2 ** 53 - 1),
  issuedAt: time,
});
export type ReceiptBody = v.InferOutput<typeof ReceiptBody>;
export const Receipt = signed(ReceiptBody);
export type Receipt = v.InferOutput<typeof Receipt>;

/** Signed by the user's metadata key m to let nodes replace epoch e by epoch e+1. */
export const DealingAuthorizationBody = v.strictObject({
  kind: v.literal('dealing-authorization'),
  P,
  epoch,
  dealingHash: hex(32),
});
export type DealingAuthorizationBody = v.InferOutput<typeof DealingAuthorizationBody>;

// ---------- node API ----------

/**
 * Login material every node request carries: the id token, whose nonce is
 * loginNonce(sessionPub, candidateM) (protocol/nonce.ts), and those two keys.
 * `sessionPub` is X25519 (answers are sealed to it); `candidateM` is the compressed
 * secp256k1 metadata key this login would register with.
 */
const login = {
  verifier: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)),
  idToken: v.pipe(v.string(), v.minLength(16), v.maxLength(8192)),
  sessionPub: key32,
  candidateM: point,
};

export const ShareRequest = v.strictObject(login);
export type ShareRequest = v.InferOutput<typeof ShareRequest>;

export const NodeShareOk = v.strictObject({
  kind: v.literal('node-share'),
  status: v.literal('ok'),
  node: nodeIndex,
  P,
  issuedAt: time,
  sessionPub: key32,
  /** X25519 key the node's part of the user's next dealing must be sealed to; deleted once used. */
  inbox: key32,
  epoch,
  tss: v.strictObject({ K: point }),
  meta: v.strictObject({ M: point }),
  commitments,
  /** x25519 ECIES to sessionPub of F(j) ‖ G(j) (64 bytes), slot = shareSlot. */
  sealed: sealedShare,
});
export const NodeShareUnknown = v.strictObject({
  kind: v.literal('node-share'),
  status: v.literal('unknown'),
  node: nodeIndex,
  P,
  issuedAt: time,
  sessionPub: key32,
  inbox: key32,
});
export const NodeShareBody = v.variant('status', [NodeShareOk, NodeShareUnknown]);
export type NodeShareBody = v.InferOutput<typeof NodeShareBody>;
export type NodeShareOk = v.InferOutput<typeof NodeShareOk>;
/** Answer to POST /v1/share; when unknown, `attestation` is included for the metadata server. */
export const ShareResponse = v.strictObject({
  answer: signed(NodeShareBody),
  attestation: v.optional(v.lazy(() => Attestation)),
});
export type ShareResponse = v.InferOutput<typeof ShareResponse>;

export const AttestationBody = v.strictObject({
  kind: v.literal('node-attestation'),
  node: nodeIndex,
  P,
  issuedAt: time,
  sessionPub: key32,
  /** The candidate metadata key the login's token binds: a create must use exactly this M. */
  candidateM: point,
  /** The node's one-time inbox key for P's next dealing. */
  inbox: key32,
  /** Whether this node holds a record for P (at `epoch`). */
  registered: v.boolean(),
  epoch: int(0, MAX_EPOCH),
});
export type AttestationBody = v.InferOutput<typeof AttestationBody>;
export const Attestation = signed(AttestationBody);
export type Attestation = v.InferOutput<typeof Attestation>;

export const AttestRequest = v.strictObject(login);

/**
 * How a record proves it was created by a login of its user (ARCHITECTURE §4): ≥ t node
 * attestations that P was unregistered, each binding the login's candidateM = record M,
 * and the creator's ECDSA signature by m over the epoch-1 dealing (DealingAuthorizationBody).
 * Only the user's own login can produce both: the id token's nonce fixes candidateM, and
 * only that login's client holds m.
 */
export const Creation = v.strictObject({
  attestations: v.pipe(v.array(Attestation), v.minLength(1), v.maxLength(MAX_NODES)),
  authorization: sig64,
});
export type Creation = v.InferOutput<typeof Creation>;

export const InstallRequest = v.strictObject({
  ...login,
  dealing: Dealing,
  receipt: Receipt,
  /** ECDSA by m over DealingAuthorizationBody; required to install any epoch. */
  authorization: v.optional(sig64),
  /** The record's creation proof; required by a node that holds nothing for P yet. */
  creation: v.optional(Creation),
});
export type InstallRequest = v.InferOutput<typeof InstallRequest>;

export const InstallAckBody = v.strictObject({
  kind: v.literal('install-ack'),
  node: nodeIndex,
  P,
  epoch,
  dealingHash: hex(32),
});
export const InstallAck = signed(InstallAckBody);
export type InstallAck = v.InferOutput<typeof InstallAck>;

// ---------- metadata record ----------

export const FactorEntry = v.strictObject({
  /** The factor's public key (secp256k1, compressed): where its share is filed. */
  pub: point,
  index: int(2, 1_000_000),
  type: FactorType,
  /** argon2id salt of a password factor. */
  salt: v.optional(hex(16)),
  /** secp256k1 ECIES to `pub` of f(index) ‖ g(index) (64 bytes), slot = factorSlot. */
  sealed: sealedShare,
});
export type FactorEntry = v.InferOutput<typeof FactorEntry>;

const factorList = v.pipe(
  v.array(FactorEntry),
  v.maxLength(MAX_FACTORS),
  v.check((fs) => new Set(fs.map((f) => f.pub)).size === fs.length, 'a factor appears twice'),
  v.check((fs) => new Set(fs.map((f) => f.index)).size === fs.length, 'a share index appears twice'),
  v.check(
    (fs) => fs.every((f) => (f.type === 'password') === (f.salt !== undefined)),
    'a password factor carries its salt, and no other factor does',
  ),
);

export const MetadataRecord = v.pipe(
  v.strictObject({
    v: v.literal(1),
    P,
    epoch,
    tss: v.strictObject({ K: point, A1: point }),
    meta: v.strictObject({ M: point, B1: point }),
    factors: factorList,
    /** The next share index to hand out; indices are never reused. */
    nextIndex: int(2, 1_000_001),
    /** AEAD under a key derived from m: labels, credential ids, settings. */
    private: hexUpTo(MAX_PRIVATE_BYTES),
    /** The dealing of the current epoch (opaque: sealed to the nodes). */
    dealing: Dealing,
    /** Proof that a login of this user created the record; never changes. */
    creation: Creation,
    /** While a refresh is being installed on the nodes: the epoch before it. */
    previous: v.optional(
      v.strictObject({
        epoch,
        tss: v.strictObject({ A1: point }),
        meta: v.strictObject({ B1: point }),
        factors: factorList,
      }),
    ),
  }),
  v.check(
    (r) => r.dealing.P === r.P && r.dealing.epoch === r.epoch,
    'dealing is not for this record and epoch',
  ),
  v.check(
    (r) => r.dealing.tss.K === r.tss.K && r.dealing.tss.A1 === r.tss.A1,
    'dealing does not match tss commitments',
  ),
  v.check(
    (r) => r.dealing.meta.M === r.meta.M && r.dealing.meta.B1 === r.meta.B1,
    'dealing does not match meta commitments',
  ),
  v.check((r) => r.factors.every((f) => f.index < r.nextIndex), 'a factor index is not below nextIndex'),
  v.check(
    (r) => r.previous === undefined || r.previous.epoch === r.epoch - 1,
    'previous must be the epoch before',
  ),
);
export type MetadataRecord = v.InferOutput<typeof MetadataRecord>;

// ---------- metadata API ----------

/** Signed by m over the hash of the record to be written. */
export const RecordWriteBody = v.strictObject({
  kind: v.literal('record-write'),
  P,
  /** 0 for create. */
  expectedVersion: int(0, 2 ** 53 - 1),
  recordHash: hex(32),
});
export type RecordWriteBody = v.InferOutput<typeof RecordWriteBody>;

/** The attestations and the dealing authorization travel inside the record (`record.creation`). */
export const CreateRequest = v.strictObject({
  record: MetadataRecord,
  signature: sig64,
});
export type CreateRequest = v.InferOutput<typeof CreateRequest>;

export const RecordReadBody = v.strictObject({ kind: v.literal('record-read'), P, issuedAt: time });
export type RecordReadBody = v.InferOutput<typeof RecordReadBody>;
/** Signed (ECDSA) with the network share g(1), whose public key is M + B₁. */
export const ReadRequest = v.strictObject({ request: RecordReadBody, signature: sig64 });
export type ReadRequest = v.InferOutput<typeof ReadRequest>;

export const ReadResponse = v.strictObject({
  version: int(1, 2 ** 53 - 1),
  record: MetadataRecord,
  receipt: Receipt,
});
export type ReadResponse = v.InferOutput<typeof ReadResponse>;

/**
 * A read by the holder of a factor key (recovery without the network): ECDSA by the factor
 * key over this body. `P` chooses among several records when one factor key belongs to
 * more than one wallet (the same passkey or imported key in two accounts).
 */
export const RecordReadByFactorBody = v.strictObject({
  kind: v.literal('record-read-by-factor'),
  /** The factor's public key (33 bytes compressed), as filed in `factors[].pub`. */
  factor: point,
  issuedAt: time,
  P: v.optional(P),
});
export type RecordReadByFactorBody = v.InferOutput<typeof RecordReadByFactorBody>;
export const ReadByFactorRequest = v.strictObject({ request: RecordReadByFactorBody, signature: sig64 });
export type ReadByFactorRequest = v.InferOutput<typeof ReadByFactorRequest>;

/** The record holding the factor (most recently written first) and the other records that hold it too. */
export const ReadByFactorResponse = v.strictObject({
  version: int(1, 2 ** 53 - 1),
  record: MetadataRecord,
  receipt: Receipt,
  others: v.pipe(v.array(P), v.maxLength(MAX_RECORDS_PER_FACTOR - 1)),
});
export type ReadByFactorResponse = v.InferOutput<typeof ReadByFactorResponse>;

export const WriteRequest = v.strictObject({
  record: MetadataRecord,
  expectedVersion: int(1, 2 ** 53 - 1),
  signature: sig64,
});
export type WriteRequest = v.InferOutput<typeof WriteRequest>;

export const WriteResponse = v.strictObject({ version: int(1, 2 ** 53 - 1), receipt: Receipt });
export type WriteResponse = v.InferOutput<typeof WriteResponse>;

/**
 * 409 body of a create that lost: the winner's dealing, receipt and creation proof, so the
 * loser can check the winner is a login of its own user and relay the dealing.
 */
export const AlreadyRegistered = v.strictObject({
  error: v.strictObject({ code: v.literal('already-registered'), message: v.string() }),
  dealing: Dealing,
  receipt: Receipt,
  creation: Creation,
});

/** Error bodies of every server: `{ error: { code, message, details? } }`. */
export const ErrorBody = v.looseObject({
  error: v.looseObject({
    code: v.string(),
    message: v.string(),
    details: v.optional(v.record(v.string(), v.unknown())),
  }),
});
