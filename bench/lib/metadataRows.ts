/**
 * Metadata records for the scale benchmark, built with the wallet's own functions.
 *
 * Every seeded user shares one wallet (k, m, slopes) and one factor key: the public
 * commitments are computed once, which is what keeps a million records cheap. What binds
 * a record to its P is made per P, as the wallet makes it: the factor's share sealed with
 * secp256k1 ECIES to its slot (P, epoch, index, factorPub), the private part under a key
 * derived from m and P, each node's sub-share sealed to a one-time inbox key in the slot
 * dealingSlot(P, …) (fresh X25519 keys whose private halves are dropped, as the nodes drop
 * theirs when they install), the creation proof (every node's attestation, signed with the
 * node's real key and naming that inbox and M, and m's authorization of the dealing), and
 * the metadata server's receipt signed with its real key. Such a record is fully valid: a
 * client holding the factor key opens it and rebuilds the wallet.
 *
 * Filler rows (`fillerRow`) are one valid row with its P replaced: the same bytes, size and
 * format, which the server reads the same way, but whose ciphertexts and receipt stay bound
 * to the template's P. The benchmark only ever requests users of valid rows.
 */
import type { NetworkConfig } from '../../src/config/network.ts';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { commit } from '../../src/crypto/feldman.ts';
import { publicOf, randomScalar, scalarToBytes } from '../../src/crypto/scalar.ts';
import { drawPolynomial, evaluate, type Polynomial } from '../../src/crypto/shamir.ts';
import { encodeSharePair } from '../../src/crypto/sharePair.ts';
import { ed25519SignBody } from '../../src/crypto/signature.ts';
import { generateX25519, x25519Seal } from '../../src/crypto/x25519.ts';
import { signReceipt } from '../../src/metadata/receipt.ts';
import {
  type Attestation,
  type AttestationBody,
  type Dealing,
  MetadataRecord,
  Receipt,
} from '../../src/protocol/formats.ts';
import { parse } from '../../src/protocol/parse.ts';
import { dealingSlot } from '../../src/protocol/slots.ts';
import { sealFactorShare } from '../../src/wallet/factorShare.ts';
import { commitmentsOf, drawMaterial, type KeyMaterial, shareAt } from '../../src/wallet/material.ts';
import { sealPrivatePart } from '../../src/wallet/privatePart.ts';
import { authorizeDealing } from '../../src/wallet/write.ts';

/** The one wallet every seeded user holds, and what follows from it once. */
export type SharedWallet = {
  network: NetworkConfig;
  material: KeyMaterial;
  /** The dealing's polynomials: F(0) = f(1), G(0) = g(1). */
  F: Polynomial;
  G: Polynomial;
  commitments: { F: string[]; G: string[] };
  factorKey: bigint;
  factorPub: string;
  /** The metadata server's receipt key. */
  receiptSigner: CryptoKey;
  /** Each node's signing key, for the attestations of the creation proof. */
  nodeSigners: ReadonlyMap<number, CryptoKey>;
};

export type MetadataRow = { P: string; record: string; receipt: string; factors: string[] };

const FACTOR_INDEX = 2;

export function drawSharedWallet(
  network: NetworkConfig,
  receiptSigner: CryptoKey,
  nodeSigners: ReadonlyMap<number, CryptoKey>,
): SharedWallet {
  const material = drawMaterial();
  const net = shareAt(material, 1);
  const F = drawPolynomial(net.f, network.threshold);
  const G = drawPolynomial(net.g, network.threshold);
  const factorKey = randomScalar();
  return {
    network,
    material,
    F,
    G,
    commitments: { F: commit(F).map(toHex), G: commit(G).map(toHex) },
    factorKey,
    factorPub: toHex(publicOf(factorKey).toBytes(true)),
    receiptSigner,
    nodeSigners,
  };
}

/** g(1) as 32 bytes: the key that signs this wallet's reads. */
export function readSigningKey(wallet: SharedWallet): Uint8Array {
  return scalarToBytes(shareAt(wallet.material, 1).g);
}

/** Node index → a fresh inbox public key (its private half is dropped at once). */
async function inboxesFor(wallet: SharedWallet): Promise<Map<number, string>> {
  const keys = await Promise.all(wallet.network.nodes.map(() => generateX25519()));
  return new Map(wallet.network.nodes.map((node, i) => [node.index, toHex(keys[i]!.publicKey)]));
}

async function dealingFor(wallet: SharedWallet, P: string, inboxes: Map<number, string>): Promise<Dealing> {
  const c = commitmentsOf(wallet.material);
  const shares = await Promise.all(
    wallet.network.nodes.map(async (node) => {
      const inbox = inboxes.get(node.index)!;
      const pair = encodeSharePair({ f: evaluate(wallet.F, node.index), g: evaluate(wallet.G, node.index) });
      const sealed = await x25519Seal(fromHex(inbox, 32), pair, dealingSlot(P, 1, node.index, inbox));
      pair.fill(0);
      return { node: node.index, inbox, sealed: toHex(sealed) };
    }),
  );
  return {
    kind: 'dealing',
    v: 1,
    P,
    epoch: 1,
    threshold: wallet.network.threshold,
    tss: { K: c.K, A1: c.A1 },
    meta: { M: c.M, B1: c.B1 },
    commitments: wallet.commitments,
    shares,
  };
}

/** Every node's attestation that P was unregistered, for the login that created the record. */
async function attestationsFor(wallet: SharedWallet, P: string, inboxes: Map<number, string>) {
  const sessionPub = toHex((await generateX25519()).publicKey);
  const candidateM = commitmentsOf(wallet.material).M;
  return Promise.all(
    wallet.network.nodes.map(async (node): Promise<Attestation> => {
      const body: AttestationBody = {
        kind: 'node-attestation',
        node: node.index,
        P,
        issuedAt: Date.now(),
        sessionPub,
        candidateM,
        inbox: inboxes.get(node.index)!,
        registered: false,
        epoch: 0,
      };
      return { body, sig: toHex(await ed25519SignBody(wallet.nodeSigners.get(node.index)!, body)) };
    }),
  );
}

/** A fully valid record of P at epoch 1 (version 1) with its receipt. */
export async function validMetadataRow(wallet: SharedWallet, P: string): Promise<MetadataRow> {
  const c = commitmentsOf(wallet.material);
  const { material, factorPub } = wallet;
  const inboxes = await inboxesFor(wallet);
  const dealing = await dealingFor(wallet, P, inboxes);
  const record: MetadataRecord = {
    v: 1,
    P,
    epoch: 1,
    tss: { K: c.K, A1: c.A1 },
    meta: { M: c.M, B1: c.B1 },
    factors: [
      {
        pub: factorPub,
        index: FACTOR_INDEX,
        type: 'phrase',
        sealed: sealFactorShare(P, 1, FACTOR_INDEX, factorPub, shareAt(material, FACTOR_INDEX)),
      },
    ],
    nextIndex: FACTOR_INDEX + 1,
    private: sealPrivatePart(material.m, P, {
      v: 1,
      factors: { [factorPub]: { label: 'Recovery phrase', createdAt: Date.now() } },
    }),
    dealing,
    creation: {
      attestations: await attestationsFor(wallet, P, inboxes),
      authorization: authorizeDealing(material.m, dealing),
    },
  };
  const receipt = await signReceipt(wallet.receiptSigner, record, 1, Date.now());
  parse(MetadataRecord, record, 'seeded record');
  parse(Receipt, receipt, 'seeded receipt');
  return { P, record: JSON.stringify(record), receipt: JSON.stringify(receipt), factors: [factorPub] };
}

/** `template`'s bytes filed under P (see the file's comment: never requested). */
export function fillerRow(template: MetadataRow, P: string): MetadataRow {
  return {
    P,
    record: template.record.replaceAll(template.P, P),
    receipt: template.receipt.replaceAll(template.P, P),
    factors: template.factors,
  };
}
