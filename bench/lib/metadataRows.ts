/**
 * Metadata records for the scale benchmark, built with the wallet's own functions.
 *
 * Every seeded user shares one wallet (k, m, slopes) and one factor key: the public
 * commitments are computed once, which is what keeps a million records cheap. What binds
 * a record to its P is made per P, as the wallet makes it: the factor's share sealed with
 * secp256k1 ECIES to its slot (P, epoch, index, factorPub), the private part under a key
 * derived from m and P, each node's sub-share sealed to its X25519 key in the slot
 * dealingSlot(P, …), and the metadata server's receipt signed with its real key. Such a
 * record is fully valid: a client holding the factor key opens it and rebuilds the wallet.
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
import { x25519Seal } from '../../src/crypto/x25519.ts';
import { signReceipt } from '../../src/metadata/receipt.ts';
import { type Dealing, MetadataRecord, Receipt } from '../../src/protocol/formats.ts';
import { parse } from '../../src/protocol/parse.ts';
import { dealingSlot } from '../../src/protocol/slots.ts';
import { sealFactorShare } from '../../src/wallet/factorShare.ts';
import { commitmentsOf, drawMaterial, type KeyMaterial, shareAt } from '../../src/wallet/material.ts';
import { sealPrivatePart } from '../../src/wallet/privatePart.ts';

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
};

export type MetadataRow = { P: string; record: string; receipt: string; factors: string[] };

const FACTOR_INDEX = 2;

export function drawSharedWallet(network: NetworkConfig, receiptSigner: CryptoKey): SharedWallet {
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
  };
}

/** g(1) as 32 bytes: the key that signs this wallet's reads. */
export function readSigningKey(wallet: SharedWallet): Uint8Array {
  return scalarToBytes(shareAt(wallet.material, 1).g);
}

async function dealingFor(wallet: SharedWallet, P: string): Promise<Dealing> {
  const c = commitmentsOf(wallet.material);
  const shares = await Promise.all(
    wallet.network.nodes.map(async (node) => {
      const pair = encodeSharePair({ f: evaluate(wallet.F, node.index), g: evaluate(wallet.G, node.index) });
      const sealed = await x25519Seal(
        fromHex(node.encryptionKey, 32),
        pair,
        dealingSlot(P, 1, node.index, node.encryptionKey),
      );
      pair.fill(0);
      return { node: node.index, sealed: toHex(sealed) };
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

/** A fully valid record of P at epoch 1 (version 1) with its receipt. */
export async function validMetadataRow(wallet: SharedWallet, P: string): Promise<MetadataRow> {
  const c = commitmentsOf(wallet.material);
  const { material, factorPub } = wallet;
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
    dealing: await dealingFor(wallet, P),
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
