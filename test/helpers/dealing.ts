/**
 * Test builders for the node network, with the crypto core only (the wallet's own builder
 * lives in src/wallet): a wallet's polynomials f(x) = k + a₁x, g(x) = m + b₁x; a dealing of
 * the network share (f(1), g(1)) among the nodes (Feldman of threshold t, each node's
 * (F(j), G(j)) sealed to the inbox key its attestation names, in the slot dealingSlot); the
 * record's creation proof (those attestations and m's authorization); the metadata server's
 * receipt, signed with the real metadata key from `<dir>/metadata.secrets.json` (that IS
 * the receipt format); the refresh authorization signed by m.
 * Every plaintext sub-share is returned so tests can scan storage for it.
 */
import { readFileSync } from 'node:fs';
import { metadataSecretsPath } from '../../src/config/init-network.ts';
import type { NetworkConfig } from '../../src/config/network.ts';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { commit } from '../../src/crypto/feldman.ts';
import { mod, pointToBytes, publicOf, randomScalar, scalarToBytes } from '../../src/crypto/scalar.ts';
import { drawPolynomial, evaluate, type Polynomial } from '../../src/crypto/shamir.ts';
import { encodeSharePair, type SharePair } from '../../src/crypto/sharePair.ts';
import { ecdsaSignBody, ed25519SignBody, importEd25519Signer } from '../../src/crypto/signature.ts';
import { x25519Seal } from '../../src/crypto/x25519.ts';
import type { Attestation, Creation, Dealing, Receipt, ReceiptBody } from '../../src/protocol/formats.ts';
import { dealingHash } from '../../src/protocol/hashes.ts';
import { dealingSlot } from '../../src/protocol/slots.ts';

export type TestWallet = { k: bigint; a1: bigint; m: bigint; b1: bigint };

export type TestDealing = {
  dealing: Dealing;
  /** The network share (f(1), g(1)) = (F(0), G(0)). */
  networkShare: SharePair;
  F: Polynomial;
  G: Polynomial;
  /** Node index → F(j) ‖ G(j), the plaintext each node must store sealed. */
  subShares: Map<number, Uint8Array>;
};

const pub = (s: bigint) => toHex(pointToBytes(publicOf(s)));

export function drawWallet(): TestWallet {
  return { k: randomScalar(), a1: randomScalar(), m: randomScalar(), b1: randomScalar() };
}

/** A wallet whose m is the login's candidate key (so the nodes' attestations bind its M). */
export function drawWalletFor(login: { candidate: { m: bigint } }): TestWallet {
  return { ...drawWallet(), m: login.candidate.m };
}

/**
 * A dealing of `wallet`'s network share for (P, epoch), sealed to the inboxes the nodes'
 * `attestations` name (nodes without one get no part); `tamper(node, pair)` may alter a
 * node's sub-share.
 */
export async function buildTestDealing(
  network: NetworkConfig,
  P: string,
  epoch: number,
  wallet: TestWallet,
  attestations: readonly Attestation[],
  options: { tamper?: (node: number, pair: SharePair) => SharePair; threshold?: number } = {},
): Promise<TestDealing> {
  const inboxes = new Map(attestations.map((a) => [a.body.node, a.body.inbox]));
  const networkShare = { f: mod(wallet.k + wallet.a1), g: mod(wallet.m + wallet.b1) }; // f(1), g(1)
  const t = options.threshold ?? network.threshold;
  const F = drawPolynomial(networkShare.f, t);
  const G = drawPolynomial(networkShare.g, t);
  const subShares = new Map<number, Uint8Array>();
  const shares = await Promise.all(
    network.nodes
      .filter((node) => inboxes.has(node.index))
      .map(async (node) => {
        const inbox = inboxes.get(node.index)!;
        let pair = { f: evaluate(F, node.index), g: evaluate(G, node.index) };
        if (options.tamper) pair = options.tamper(node.index, pair);
        const plain = encodeSharePair(pair);
        subShares.set(node.index, plain);
        const sealed = await x25519Seal(fromHex(inbox, 32), plain, dealingSlot(P, epoch, node.index, inbox));
        return { node: node.index, inbox, sealed: toHex(sealed) };
      }),
  );
  const dealing: Dealing = {
    kind: 'dealing',
    v: 1,
    P,
    epoch,
    threshold: t,
    tss: { K: pub(wallet.k), A1: pub(wallet.a1) },
    meta: { M: pub(wallet.m), B1: pub(wallet.b1) },
    commitments: { F: commit(F).map(toHex), G: commit(G).map(toHex) },
    shares,
  };
  return { dealing, networkShare, F, G, subShares };
}

/** The metadata server's receipt for `dealing`, signed with the network's metadata key. */
export async function signTestReceipt(
  dir: string,
  network: NetworkConfig,
  dealing: Dealing,
  version = dealing.epoch,
): Promise<Receipt> {
  const secrets = JSON.parse(readFileSync(metadataSecretsPath(dir), 'utf8')) as { signingKey: string };
  const signer = await importEd25519Signer(
    fromHex(secrets.signingKey, 32),
    fromHex(network.metadata.signingKey, 32),
  );
  const body: ReceiptBody = {
    kind: 'receipt',
    P: dealing.P,
    epoch: dealing.epoch,
    dealingHash: dealingHash(dealing),
    version,
    issuedAt: Date.now(),
  };
  return { body, sig: toHex(await ed25519SignBody(signer, body)) };
}

/** The creation proof of a record whose first dealing is `dealing`, by the wallet's m. */
export function testCreation(m: bigint, dealing: Dealing, attestations: readonly Attestation[]): Creation {
  return {
    attestations: attestations.filter((a) => !a.body.registered),
    authorization: authorizeTestDealing(m, dealing),
  };
}

/** The ECDSA authorization by m that lets nodes install `dealing` (first install or new epoch). */
export function authorizeTestDealing(m: bigint, dealing: Dealing): string {
  const body = {
    kind: 'dealing-authorization',
    P: dealing.P,
    epoch: dealing.epoch,
    dealingHash: dealingHash(dealing),
  };
  return toHex(ecdsaSignBody(scalarToBytes(m), body));
}
