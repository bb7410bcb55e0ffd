/**
 * The node network end to end, N = 5 / t = 3, on both storage backends: real node
 * processes, real logins at the development provider, the real client.
 */
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attest } from '../../../src/clients/nodes/attest.ts';
import { fetchNetworkShare } from '../../../src/clients/nodes/fetchNetworkShare.ts';
import { installDealing } from '../../../src/clients/nodes/installDealing.ts';
import type { NodeLogin } from '../../../src/clients/nodes/types.ts';
import { toHex } from '../../../src/crypto/bytes.ts';
import type { TrineError } from '../../../src/errors/index.ts';
import {
  authorizeTestDealing,
  buildTestDealing,
  drawWallet,
  drawWalletFor,
  signTestReceipt,
  testCreation,
} from '../../helpers/dealing.ts';
import { rejection } from '../../helpers/rejection.ts';
import { type Backend, type NodeNetwork, PG_URL, post, startNodeNetwork, type TestLogin } from './harness.ts';
import { corruptNetwork } from './proxy.ts';

const failuresOf = (error: TrineError) =>
  (error.details?.failures ?? []) as { node: number; reason: string; message: string }[];

/** Every node's current attestation for this login, with its inbox key for P's next dealing. */
async function inboxes(net: NodeNetwork, login: TestLogin) {
  const { attestations } = await attest({ network: net.network, ...login });
  expect(attestations).toHaveLength(net.network.nodes.length);
  return attestations;
}

/**
 * Registers a user whose nodes said "unknown" to `login`: a wallet whose m is the login's
 * candidate key, a dealing for epoch 1 sealed to every node's inbox, its receipt and the
 * record's creation proof (the nodes' attestations and m's authorization) → installed on all.
 */
async function registerLogin(net: NodeNetwork, login: TestLogin) {
  const unknown = await rejection(fetchNetworkShare({ network: net.network, ...login }));
  expect(unknown.code).toBe('user-unknown');
  const P = unknown.details?.P as string;
  expect(((unknown.details?.attestations ?? []) as unknown[]).length).toBeGreaterThanOrEqual(
    net.network.threshold,
  );
  const attestations = await inboxes(net, login); // every node's, not only the first t "unknown"s
  const wallet = drawWalletFor(login);
  const built = await buildTestDealing(net.network, P, 1, wallet, attestations);
  const receipt = await signTestReceipt(net.dir, net.network, built.dealing);
  const creation = testCreation(wallet.m, built.dealing, attestations);
  const proof = { authorization: creation.authorization, creation };
  return { P, wallet, built, receipt, creation, proof };
}

/** Registers `account`: unknown at every node → dealing for epoch 1 with a receipt → installed on all. */
async function register(net: NodeNetwork, account: string) {
  const login = await net.login(account);
  const registered = await registerLogin(net, login);
  const { built, receipt, proof } = registered;
  const result = await installDealing({
    network: net.network,
    ...login,
    dealing: built.dealing,
    receipt,
    ...proof,
  });
  expect(result.acks).toEqual(net.network.nodes.map((n) => n.index));
  return { ...registered, login };
}

describe.each<Backend>(['sqlite', 'postgres'])('node network N=5 t=3 on %s', (backend) => {
  let net: NodeNetwork;
  beforeAll(async () => {
    net = await startNodeNetwork({ nodes: 5, threshold: 3, backend });
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('registers, then rebuilds the network share at the next login; re-installs are idempotent', async () => {
    const { P, built, receipt, login } = await register(net, 'alice');
    const progress: number[] = [];
    const share = await fetchNetworkShare({
      network: net.network,
      ...(await net.login('alice')),
      onProgress: (e) => progress.push(e.answered),
    });
    expect(share.P).toBe(P);
    expect(share.epoch).toBe(1);
    expect(share.share).toEqual(built.networkShare);
    expect(share.used).toHaveLength(3);
    expect(share.failures).toEqual([]);
    expect(progress.slice(0, 3)).toEqual([1, 2, 3]);
    // the same install again: acked, nothing changes
    const again = await installDealing({ network: net.network, ...login, dealing: built.dealing, receipt });
    expect(again.acks).toHaveLength(5);
    // another dealing for the same epoch (to the nodes' current inboxes, authorised by its own
    // wallet's m): refused by every node
    const otherLogin = await net.login('alice');
    const otherWallet = drawWalletFor(otherLogin);
    const other = await buildTestDealing(net.network, P, 1, otherWallet, await inboxes(net, otherLogin));
    const otherReceipt = await signTestReceipt(net.dir, net.network, other.dealing);
    const refused = await rejection(
      installDealing({
        network: net.network,
        ...otherLogin,
        dealing: other.dealing,
        receipt: otherReceipt,
        authorization: authorizeTestDealing(otherWallet.m, other.dealing),
      }),
    );
    expect(refused.code).toBe('not-enough-nodes');
    expect(failuresOf(refused).every((f) => /another dealing/.test(f.message))).toBe(true);
  });

  it('refreshes to epoch 2 only with the authorization by m, and drops epoch 1', async () => {
    const { P, wallet, built } = await register(net, 'bob');
    // the inboxes used by the first install are gone: deal to the ones the nodes hand out now
    const fresh = await inboxes(net, await net.login('bob'));
    const used = new Map(built.dealing.shares.map((x) => [x.node, x.inbox]));
    expect(fresh.every((a) => a.body.inbox !== used.get(a.body.node))).toBe(true);
    const next = await buildTestDealing(net.network, P, 2, wallet, fresh);
    const receipt = await signTestReceipt(net.dir, net.network, next.dealing);
    const base = { network: net.network, dealing: next.dealing, receipt };
    const unauthorized = await rejection(installDealing({ ...base, ...(await net.login('bob')) }));
    expect(unauthorized.code).toBe('not-enough-nodes');
    const forged = authorizeTestDealing(drawWallet().m, next.dealing);
    expect(
      (await rejection(installDealing({ ...base, ...(await net.login('bob')), authorization: forged }))).code,
    ).toBe('not-enough-nodes');
    const ok = await installDealing({
      ...base,
      ...(await net.login('bob')),
      authorization: authorizeTestDealing(wallet.m, next.dealing),
    });
    expect(ok.acks).toHaveLength(5);
    const share = await fetchNetworkShare({ network: net.network, ...(await net.login('bob')) });
    expect(share.epoch).toBe(2);
    expect(share.share).toEqual(next.networkShare); // same (f(1), g(1)): the secrets did not change
    // the old epoch is gone and cannot come back
    const oldReceipt = await signTestReceipt(net.dir, net.network, built.dealing);
    const stale = await rejection(
      installDealing({
        network: net.network,
        ...(await net.login('bob')),
        dealing: built.dealing,
        receipt: oldReceipt,
      }),
    );
    expect(failuresOf(stale)[0]?.message).toMatch(/older than the installed epoch 2/);
  });

  it('works with N−t nodes stopped, and says which nodes failed when one more is down', async () => {
    const { built } = await register(net, 'carol');
    await net.node(4).stop();
    await net.node(5).stop();
    try {
      const share = await fetchNetworkShare({ network: net.network, ...(await net.login('carol')) });
      expect(share.share).toEqual(built.networkShare);
      expect(share.used).toEqual([1, 2, 3]);
      // nodes 4 and 5 are either named unreachable or were still pending when t answers sufficed
      for (const f of share.failures) expect([f.node, f.reason]).toEqual([f.node, 'unreachable']);
      expect([...share.failures.map((f) => f.node), ...share.pending].sort()).toEqual([4, 5]);
      await net.node(3).stop();
      const error = await rejection(
        fetchNetworkShare({ network: net.network, ...(await net.login('carol')) }),
      );
      expect(error.code).toBe('not-enough-nodes');
      expect(error.message).toBe(
        'only 2 of 5 nodes could be used and 3 are needed (3 failed, disagreed or could not be reached)',
      );
      const failures = failuresOf(error);
      expect(
        failures
          .filter((f) => f.reason === 'unreachable')
          .map((f) => f.node)
          .sort(),
      ).toEqual([3, 4, 5]);
    } finally {
      await Promise.all([3, 4, 5].map((j) => net.node(j).restart()));
    }
  });

  it('refuses a token replayed with another session key, and stores nothing', async () => {
    const { P, wallet } = await register(net, 'dave');
    const victim = await net.login('dave');
    const attacker = await net.login('erin'); // any other session key
    const url = `${net.network.nodes[0]!.url}/v1/share`;
    const replay = await post(url, {
      verifier: victim.verifier,
      idToken: victim.idToken,
      sessionPub: toHex(attacker.session.publicKey),
      candidateM: victim.candidate.M,
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('token-rejected');
    expect(replay.body.error.message).toMatch(/nonce/);
    // the victim's session key with another candidate metadata key is refused the same way
    const swapped = await post(url, {
      verifier: victim.verifier,
      idToken: victim.idToken,
      sessionPub: toHex(victim.session.publicKey),
      candidateM: attacker.candidate.M,
    });
    expect([swapped.status, swapped.body.error.code]).toEqual([401, 'token-rejected']);
    expect(swapped.body.error.message).toMatch(/nonce/);
    // an install with the replayed token changes nothing either
    const next = await buildTestDealing(
      net.network,
      P,
      2,
      wallet,
      await inboxes(net, await net.login('dave')),
    );
    const receipt = await signTestReceipt(net.dir, net.network, next.dealing);
    const stolen: NodeLogin = { ...victim, session: attacker.session };
    const refused = await rejection(
      installDealing({
        network: net.network,
        ...stolen,
        dealing: next.dealing,
        receipt,
        authorization: authorizeTestDealing(wallet.m, next.dealing),
      }),
    );
    expect(refused.code).toBe('not-enough-nodes');
    const share = await fetchNetworkShare({ network: net.network, ...(await net.login('dave')) });
    expect(share.epoch).toBe(1);
  });

  it('detects N−t nodes answering wrong sub-shares, names them, and still logs in', async () => {
    const { built } = await register(net, 'erin');
    const bad = [4, 5];
    const corrupt = await corruptNetwork(net.network, bad, net.secretsOf);
    try {
      const network = corrupt.network;
      const share = await fetchNetworkShare({ network, ...(await net.login('erin')) });
      expect(share.share).toEqual(built.networkShare);
      expect(share.used).toEqual([1, 2, 3]);
      expect(share.failures.map((f) => [f.node, f.reason]).sort()).toEqual([
        [4, 'bad-share'],
        [5, 'bad-share'],
      ]);
    } finally {
      await corrupt.close();
    }
  });

  it('completes an install interrupted by kill -9 of a node at the next login', async () => {
    const login = await net.loginAs('user-kill9');
    const { built, receipt, proof } = await registerLogin(net, login);
    const installing = installDealing({
      network: net.network,
      ...login,
      dealing: built.dealing,
      receipt,
      ...proof,
    });
    await net.node(2).kill9();
    const first = await installing;
    expect(first.acks.length).toBeGreaterThanOrEqual(3);
    if (!first.acks.includes(2)) expect(first.failures.map((f) => f.node)).toEqual([2]);
    await net.node(2).restart();

    // next login: the client relays the dealing to every node that did not serve it
    const share = await fetchNetworkShare({ network: net.network, ...(await net.loginAs('user-kill9')) });
    expect(share.share).toEqual(built.networkShare);
    const behind = [...share.lagging, ...share.pending];
    if (behind.length > 0) {
      const relay = await installDealing({
        network: net.network,
        ...(await net.loginAs('user-kill9')),
        dealing: built.dealing,
        receipt,
        ...proof, // a node that holds nothing yet needs the record's creation proof
        nodes: behind,
      });
      expect(relay.acks).toEqual(behind);
    }
    // node 2 now holds its sub-share: a login that needs it works
    await Promise.all([4, 5].map((j) => net.node(j).stop()));
    try {
      const again = await fetchNetworkShare({ network: net.network, ...(await net.loginAs('user-kill9')) });
      expect(again.used).toEqual([1, 2, 3]);
      expect(again.share).toEqual(built.networkShare);
    } finally {
      await Promise.all([4, 5].map((j) => net.node(j).restart()));
    }
  });

  it('keeps no plaintext sub-share in storage', async () => {
    const login = await net.loginAs('user-scan');
    const { P, wallet, built, receipt, proof } = await registerLogin(net, login);
    // a first install needs the record's creation proof: without it every node refuses
    const unproven = await rejection(
      installDealing({ network: net.network, ...login, dealing: built.dealing, receipt }),
    );
    expect(unproven.code).toBe('not-enough-nodes');
    expect(failuresOf(unproven).every((f) => /creation proof/.test(f.message))).toBe(true);
    // a dealing sealed to the nodes' long-lived encryption keys (network.json) is refused:
    // only the one-time inbox a node handed out opens
    const attestations = proof.creation.attestations;
    const toLongLived = attestations.map((a) => ({
      ...a,
      body: { ...a.body, inbox: net.network.nodes.find((n) => n.index === a.body.node)!.encryptionKey },
    }));
    const sealedToKeys = await buildTestDealing(net.network, P, 1, wallet, toLongLived);
    const keysCreation = testCreation(wallet.m, sealedToKeys.dealing, attestations);
    const notInbox = await rejection(
      installDealing({
        network: net.network,
        ...login,
        dealing: sealedToKeys.dealing,
        receipt: await signTestReceipt(net.dir, net.network, sealedToKeys.dealing),
        authorization: keysCreation.authorization,
        creation: keysCreation,
      }),
    );
    expect(notInbox.code).toBe('not-enough-nodes');
    expect(failuresOf(notInbox).every((f) => /inbox key this node no longer holds/.test(f.message))).toBe(
      true,
    );
    await installDealing({ network: net.network, ...login, dealing: built.dealing, receipt, ...proof });
    for (const node of net.network.nodes) {
      const plain = built.subShares.get(node.index)!;
      const needles = [
        Buffer.from(plain),
        Buffer.from(toHex(plain)),
        Buffer.from(plain.subarray(0, 32)),
        Buffer.from(toHex(plain.subarray(32))),
      ];
      const haystacks = await storedBytes(net, node.index);
      expect(haystacks.length).toBeGreaterThan(0);
      for (const hay of haystacks) for (const needle of needles) expect(hay.includes(needle)).toBe(false);
    }
  });
});

/** Everything the node's store holds: the SQLite file and its WAL, or every row of its schema. */
async function storedBytes(net: NodeNetwork, index: number): Promise<Buffer[]> {
  const url = net.storeOf(index);
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
  }
  const schema = new URL(url).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT p, epoch, sealed, encode(sealed, 'hex') AS hex FROM "${schema}".node_records`,
    );
    expect(rows.length).toBeGreaterThan(0);
    return rows.flatMap((r) => [r.sealed as Buffer, Buffer.from(JSON.stringify(r))]);
  } finally {
    await client.end();
  }
}
