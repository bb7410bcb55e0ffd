/**
 * Issue 19, item 1, as the attacker does it, against real node, metadata and OpenID
 * processes. Registration is bound to the login: the id token's nonce commits to the
 * login's candidate metadata key M, every node attestation carries it, and a record is
 * created (and installed, and relayed by a losing device) only with that M and a
 * signature by its m.
 * - One node, a TLS-terminating proxy or a request log sees the victim's first login
 *   {idToken, sessionPub, candidateM}: replaying it gets attestations for the victim's M,
 *   which create nothing the replayer can sign; changing M breaks the nonce.
 * - The metadata operator plants a record of its own for the victim (it holds the
 *   receipt key and saw the victim's attestations): the victim's client refuses to relay
 *   it, and the nodes refuse to install it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attest, installDealing } from '../../../src/clients/nodes/index.ts';
import { fromHex, randomBytes, toHex } from '../../../src/crypto/bytes.ts';
import { factorPublicKey, generateDeviceKey } from '../../../src/crypto/factors/keys.ts';
import { commit } from '../../../src/crypto/feldman.ts';
import { mod, Point, publicOf, randomScalar } from '../../../src/crypto/scalar.ts';
import { drawPolynomial, evaluate } from '../../../src/crypto/shamir.ts';
import { encodeSharePair } from '../../../src/crypto/sharePair.ts';
import { generateX25519, x25519Seal } from '../../../src/crypto/x25519.ts';
import { openStore } from '../../../src/metadata/store/open.ts';
import type { Creation, Dealing, MetadataRecord } from '../../../src/protocol/formats.ts';
import { dealingSlot } from '../../../src/protocol/slots.ts';
import type { Login } from '../../../src/wallet/backend.ts';
import { sealFactorShare } from '../../../src/wallet/factorShare.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { register } from '../../../src/wallet/flows/register.ts';
import { signIn } from '../../../src/wallet/flows/signIn.ts';
import { signTestReceipt } from '../../helpers/dealing.ts';
import { rejection } from '../../helpers/rejection.ts';
import { freshAccount, startWalletHarness, type WalletHarness } from '../wallet/harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 12_200 });
});
afterAll(async () => {
  await h?.stop();
});

/** Whether any node holds a record for the account (fresh attestations of a new login). */
async function registeredAt(account: string): Promise<boolean[]> {
  const { attestations } = await attest({ network: h.stack.network, ...(await h.loginAs(account)) });
  return attestations.map((a) => a.body.registered);
}

const deviceFactor = (key: Uint8Array) => [{ type: 'device' as const, factorKey: key, label: 'device' }];

describe('registration front-running by whoever saw one request of the first login', () => {
  it('gets attestations only for the victim’s M: its own wallet is refused, and the victim registers', async () => {
    const account = freshAccount('victim');
    const victim = await h.loginAs(account);
    // The attacker has the victim's request bytes, not its private keys.
    const attackerSession = await generateX25519();
    const captured = {
      verifier: victim.verifier,
      idToken: victim.idToken,
      session: { publicKey: victim.session.publicKey, privateKey: attackerSession.privateKey },
    };

    // Replayed as is: every node attests, but for the victim's candidate key.
    const replayed = await attest({ network: h.stack.network, ...captured, candidate: victim.candidate });
    expect(replayed.attestations.length).toBe(h.stack.network.nodes.length);
    expect(replayed.attestations.every((a) => a.body.candidateM === victim.candidate.M)).toBe(true);

    // A wallet of the attacker's own (its own m) with those attestations: refused by the metadata server.
    const m = randomScalar();
    const attackerLogin: Login = { ...captured, candidate: { m, M: victim.candidate.M } };
    const refused = await rejection(
      register({ backend: h.backend, login: attackerLogin, factors: deviceFactor(generateDeviceKey()) }),
    );
    expect(refused.code).toBe('creation-unproven');
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.details)).toMatch(/another login's metadata key/);

    // The same token with the attacker's own candidate key: the nonce no longer matches at any node.
    const own = { m, M: toHex(publicOf(m).toBytes(true)) };
    const mismatch = await rejection(attest({ network: h.stack.network, ...captured, candidate: own }));
    expect(mismatch.code).toBe('not-enough-nodes');
    const failures = (mismatch.details?.failures ?? []) as { reason: string; message: string }[];
    expect(failures.length).toBe(h.stack.network.nodes.length);
    expect(failures.every((f) => /nonce/.test(f.message))).toBe(true);

    // Nothing was registered; the victim's own registration (same login, minutes later) succeeds.
    expect(await registeredAt(account)).toEqual(h.stack.network.nodes.map(() => false));
    const device = generateDeviceKey();
    const session = await register({ backend: h.backend, login: victim, factors: deviceFactor(device) });
    expect(session.state.record.meta.M).toBe(victim.candidate.M);
    const back = await login({
      backend: h.backend,
      login: await h.loginAs(account),
      proof: { kind: 'key', factorKey: device },
    });
    expect(back.session.address).toBe(session.address);
  });
});

describe('the metadata operator plants a wallet of its own for a user', () => {
  it('is neither relayed by the user’s client nor installed by any node', async () => {
    const account = freshAccount('planted');
    const network = h.stack.network;
    // An earlier login of the victim whose create the operator saw (and dropped): real
    // attestations binding M_old, whose m_old the operator does not have.
    const earlier = await h.loginAs(account);
    const { attestations } = await attest({ network, ...earlier });
    const P = attestations[0]!.body.P;
    const M = earlier.candidate.M;

    // The operator's dealing: k of its own; g(1) chosen so that G[0] = M + B₁ without m.
    const k = randomScalar();
    const a1 = randomScalar();
    const g1 = randomScalar();
    const B1 = publicOf(g1).subtract(Point.fromHex(M));
    const t = network.threshold;
    const F = drawPolynomial(mod(k + a1), t);
    const G = drawPolynomial(g1, t);
    const shares = await Promise.all(
      attestations.map(async (a) => {
        const j = a.body.node;
        const plain = encodeSharePair({ f: evaluate(F, j), g: evaluate(G, j) });
        const sealed = await x25519Seal(fromHex(a.body.inbox, 32), plain, dealingSlot(P, 1, j, a.body.inbox));
        return { node: j, inbox: a.body.inbox, sealed: toHex(sealed) };
      }),
    );
    const K = toHex(publicOf(k).toBytes(true));
    const A1 = toHex(publicOf(a1).toBytes(true));
    const dealing: Dealing = {
      kind: 'dealing',
      v: 1,
      P,
      epoch: 1,
      threshold: t,
      tss: { K, A1 },
      meta: { M, B1: toHex(B1.toBytes(true)) },
      commitments: { F: commit(F).map(toHex), G: commit(G).map(toHex) },
      shares,
    };
    const operatorFactor = generateDeviceKey();
    const factorPub = toHex(factorPublicKey(operatorFactor));
    const creation: Creation = { attestations, authorization: toHex(randomBytes(64)) }; // cannot sign as m
    const record: MetadataRecord = {
      v: 1,
      P,
      epoch: 1,
      tss: { K, A1 },
      meta: dealing.meta,
      factors: [
        {
          pub: factorPub,
          index: 2,
          type: 'device',
          sealed: sealFactorShare(P, 1, 2, factorPub, { f: mod(k + 2n * a1), g: randomScalar() }),
        },
      ],
      nextIndex: 3,
      private: '',
      dealing,
      creation,
    };
    const receipt = await signTestReceipt(h.stack.dir, network, dealing, 1); // the operator holds this key
    const store = await openStore(`sqlite:${join(h.stack.dir, 'metadata.sqlite')}`);
    try {
      expect((await store.create(record, receipt)).created).toBe(true);
    } finally {
      await store.close();
    }

    // The victim signs in again and would register: the create loses to the planted record,
    // whose creation proof does not hold, so nothing is relayed.
    const device = generateDeviceKey();
    const lost = await rejection(
      signIn({
        backend: h.backend,
        login: await h.loginAs(account),
        proof: { kind: 'key', factorKey: device },
        enrol: () => deviceFactor(device),
      }),
    );
    expect(lost.code).toBe('creation-unproven');
    expect(await registeredAt(account)).toEqual(network.nodes.map(() => false));

    // A client that relayed it anyway (or the operator with a captured token) is refused by every node.
    const direct = await rejection(
      installDealing({
        network,
        ...(await h.loginAs(account)),
        dealing,
        receipt,
        authorization: creation.authorization,
        creation,
      }),
    );
    expect(direct.code).toBe('not-enough-nodes');
    const why = (direct.details?.failures ?? []) as { reason: string; message: string }[];
    expect(why.length).toBe(network.nodes.length);
    expect(why.every((f) => /not authorised by the wallet's metadata key/.test(f.message))).toBe(true);
    const bare = await rejection(
      installDealing({ network, ...(await h.loginAs(account)), dealing, receipt }),
    );
    expect(
      ((bare.details?.failures ?? []) as { message: string }[]).every((f) =>
        /creation proof/.test(f.message),
      ),
    ).toBe(true);
    expect(await registeredAt(account)).toEqual(network.nodes.map(() => false));
  });
});
