import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../../src/config/network.ts';
import { fromHex, toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { decodeCommitments, verifyShare } from '../../../src/crypto/feldman.ts';
import { pointToBytes, publicOf } from '../../../src/crypto/scalar.ts';
import { evaluate, interpolateAtZero } from '../../../src/crypto/shamir.ts';
import { decodeSharePair } from '../../../src/crypto/sharePair.ts';
import { generateX25519, x25519Open } from '../../../src/crypto/x25519.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import type { Attestation } from '../../../src/protocol/formats.ts';
import { dealingSlot } from '../../../src/protocol/slots.ts';
import { addressOf } from '../../../src/wallet/address.ts';
import { buildDealing } from '../../../src/wallet/dealing.ts';
import { openFactorShare, sealFactorShare } from '../../../src/wallet/factorShare.ts';
import {
  commitmentsOf,
  drawMaterial,
  materialFromShares,
  publicShareAt,
  refreshMaterial,
  shareAt,
} from '../../../src/wallet/material.ts';
import { emptyPrivatePart, openPrivatePart, sealPrivatePart } from '../../../src/wallet/privatePart.ts';

const P = 'ab'.repeat(32);

describe('key material', () => {
  it('any two shares rebuild k and m; shares match the public commitments', () => {
    const mat = drawMaterial();
    const c = commitmentsOf(mat);
    for (const [i, j] of [
      [1, 2],
      [2, 7],
      [5, 3],
    ] as const) {
      const back = materialFromShares(i, shareAt(mat, i), j, shareAt(mat, j));
      expect(back).toEqual(mat);
    }
    const s = shareAt(mat, 4);
    expect(publicOf(s.f).equals(publicShareAt(c.K, c.A1, 4))).toBe(true);
    expect(publicOf(s.g).equals(publicShareAt(c.M, c.B1, 4))).toBe(true);
  });

  it('after a refresh, an old share and a new share do not rebuild k (removed factor is useless)', () => {
    const mat = drawMaterial();
    const next = refreshMaterial(mat);
    expect(next.k).toBe(mat.k);
    expect(next.a1).not.toBe(mat.a1);
    const removedOld = shareAt(mat, 3); // what the removed factor could open
    const networkNew = shareAt(next, 1); // what the nodes serve after the refresh
    const wrong = materialFromShares(1, networkNew, 3, removedOld);
    expect(wrong.k).not.toBe(mat.k);
    expect(addressOf(publicOf(wrong.k))).not.toBe(addressOf(publicOf(mat.k)));
  });

  it('address is EIP-55 checksummed for a known key', () => {
    // k = 1 → the generator's address
    expect(addressOf(publicOf(1n))).toBe('0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf');
  });
});

describe('factor shares', () => {
  it('open only with the factor key, in their own slot', () => {
    const mat = drawMaterial();
    const key = generateDeviceKey();
    const pub = toHex(factorPublicKey(key));
    const sealed = sealFactorShare(P, 1, 2, pub, shareAt(mat, 2));
    expect(openFactorShare(P, 1, 2, pub, sealed, key)).toEqual(shareAt(mat, 2));
    const other = generateDeviceKey();
    const attempts = [
      () => openFactorShare(P, 1, 2, pub, sealed, other),
      () => openFactorShare(P, 2, 2, pub, sealed, key), // other epoch
      () => openFactorShare(P, 1, 3, pub, sealed, key), // other index
      () => openFactorShare('cd'.repeat(32), 1, 2, pub, sealed, key), // other user
    ];
    for (const attempt of attempts) {
      let code = '';
      try {
        attempt();
      } catch (err) {
        code = isTrineError(err) ? err.code : String(err);
      }
      expect(code).toBe('decrypt-failed');
    }
  });
});

describe('dealing', () => {
  /** Five nodes, each with a long-lived encryption key (network.json) and a separate one-time inbox key. */
  async function setup() {
    const nodes = await Promise.all(
      [1, 2, 3, 4, 5].map(async (index) => ({
        index,
        keys: await generateX25519(true),
        inbox: await generateX25519(true),
      })),
    );
    const network = {
      version: 1,
      threshold: 3,
      nodes: nodes.map((n) => ({
        index: n.index,
        url: `http://127.0.0.1:${9000 + n.index}`,
        signingKey: '00'.repeat(32),
        encryptionKey: toHex(n.keys.publicKey),
      })),
      metadata: { url: 'http://127.0.0.1:9300', signingKey: '00'.repeat(32) },
      verifiers: [{ name: 'dev', issuer: 'http://localhost:9400', audiences: ['x'], subjectClaim: 'sub' }],
    } as NetworkConfig;
    // buildDealing reads only (P, node, inbox) of each attestation; signatures are the caller's check
    const attestationOf = (n: (typeof nodes)[number], forP = P): Attestation => ({
      body: {
        kind: 'node-attestation',
        node: n.index,
        P: forP,
        issuedAt: Date.now(),
        sessionPub: '00'.repeat(32),
        candidateM: toHex(pointToBytes(publicOf(1n))),
        inbox: toHex(n.inbox.publicKey),
        registered: false,
        epoch: 0,
      },
      sig: '00'.repeat(64),
    });
    return { nodes, network, attestationOf };
  }

  it('gives each node a sub-share sealed to its inbox that verifies, and t of them rebuild the network share', async () => {
    const { nodes, network, attestationOf } = await setup();
    const mat = drawMaterial();
    const dealing = await buildDealing(
      network,
      P,
      1,
      mat,
      nodes.map((n) => attestationOf(n)),
    );
    const F = decodeCommitments(dealing.commitments.F.map((h) => fromHex(h)));
    const G = decodeCommitments(dealing.commitments.G.map((h) => fromHex(h)));
    // F[0] = K + A1 ties the dealing to the wallet
    expect(F[0]!.equals(publicShareAt(dealing.tss.K, dealing.tss.A1, 1))).toBe(true);
    expect(G[0]!.equals(publicShareAt(dealing.meta.M, dealing.meta.B1, 1))).toBe(true);
    const opened = await Promise.all(
      nodes.map(async (n) => {
        const s = dealing.shares.find((x) => x.node === n.index)!;
        const inbox = toHex(n.inbox.publicKey);
        expect(s.inbox).toBe(inbox);
        const pair = decodeSharePair(
          await x25519Open(n.inbox, fromHex(s.sealed), dealingSlot(P, 1, n.index, inbox)),
        );
        expect(verifyShare(F, n.index, pair.f)).toBe(true);
        expect(verifyShare(G, n.index, pair.g)).toBe(true);
        // never sealed to the node's long-lived encryption key
        await expect(
          x25519Open(n.keys, fromHex(s.sealed), dealingSlot(P, 1, n.index, toHex(n.keys.publicKey))),
        ).rejects.toThrow();
        return { index: n.index, pair };
      }),
    );
    const pick = [opened[0]!, opened[2]!, opened[4]!];
    expect(interpolateAtZero(pick.map((o) => ({ index: o.index, value: o.pair.f })))).toBe(shareAt(mat, 1).f);
    expect(interpolateAtZero(pick.map((o) => ({ index: o.index, value: o.pair.g })))).toBe(shareAt(mat, 1).g);
    expect(evaluate([1n], 1)).toBe(1n);
  });

  it('deals only to nodes whose inbox for this P is known, and needs at least t of them', async () => {
    const { nodes, network, attestationOf } = await setup();
    const mat = drawMaterial();
    const three = [nodes[0]!, nodes[2]!, nodes[4]!].map((n) => attestationOf(n));
    const dealing = await buildDealing(network, P, 1, mat, three);
    expect(dealing.shares.map((s) => s.node)).toEqual([1, 3, 5]);
    const otherP = nodes.slice(0, 2).map((n) => attestationOf(n, 'cd'.repeat(32)));
    let code = '';
    try {
      await buildDealing(network, P, 1, mat, [...three.slice(0, 2), ...otherP]);
    } catch (err) {
      code = isTrineError(err) ? err.code : String(err);
    }
    expect(code).toBe('not-enough-nodes');
  });
});

describe('private part', () => {
  it('round-trips under m and does not open under another m', () => {
    const mat = drawMaterial();
    const part = emptyPrivatePart();
    part.factors.aa = { label: 'Laptop passkey', createdAt: 1, credentialId: 'cred-1' };
    const sealed = sealPrivatePart(mat.m, P, part);
    expect(sealed).not.toContain(Buffer.from('Laptop').toString('hex'));
    expect(openPrivatePart(mat.m, P, sealed)).toEqual(part);
    expect(() => openPrivatePart(drawMaterial().m, P, sealed)).toThrow(/does not open/);
  });
});
