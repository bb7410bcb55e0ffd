/** The same code at N = 18, t = 10: install and retrieve, N−t down, one more down, N−t corrupt. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attest } from '../../../src/clients/nodes/attest.ts';
import { fetchNetworkShare } from '../../../src/clients/nodes/fetchNetworkShare.ts';
import { installDealing } from '../../../src/clients/nodes/installDealing.ts';
import { isTrineError, type TrineError } from '../../../src/errors/index.ts';
import {
  buildTestDealing,
  drawWalletFor,
  signTestReceipt,
  type TestDealing,
  testCreation,
} from '../../helpers/dealing.ts';
import { type NodeNetwork, startNodeNetwork } from './harness.ts';
import { corruptNetwork } from './proxy.ts';

describe('node network N=18 t=10', () => {
  let net: NodeNetwork;
  let built: TestDealing;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    net = await startNodeNetwork({ nodes: 18, threshold: 10, backend: 'sqlite' });
  });
  afterAll(async () => {
    await net?.stop();
  });

  it('installs a dealing on all 18 nodes and rebuilds the network share from 10', async () => {
    const login = await net.login('alice');
    let P = '';
    try {
      await fetchNetworkShare({ network: net.network, ...login });
    } catch (error) {
      expect(isTrineError(error, 'user-unknown')).toBe(true);
      P = (error as TrineError).details?.P as string;
    }
    // every node's inbox (the "unknown" answers may stop at t), the wallet's m = the login's candidate
    const { attestations } = await attest({ network: net.network, ...login });
    expect(attestations).toHaveLength(18);
    const wallet = drawWalletFor(login);
    built = await buildTestDealing(net.network, P, 1, wallet, attestations);
    const receipt = await signTestReceipt(net.dir, net.network, built.dealing);
    const creation = testCreation(wallet.m, built.dealing, attestations);
    const acked: number[] = [];
    const result = await installDealing({
      network: net.network,
      ...login,
      dealing: built.dealing,
      receipt,
      authorization: creation.authorization,
      creation,
      onProgress: (e) => acked.push(e.acked),
    });
    expect(result.acks).toEqual(range(1, 18));
    expect(acked.at(-1)).toBe(18);
    const progress: { answered: number; needed: number; total: number }[] = [];
    const share = await fetchNetworkShare({
      network: net.network,
      ...(await net.login('alice')),
      onProgress: (e) => progress.push(e),
    });
    expect(share.share).toEqual(built.networkShare);
    expect(share.used).toHaveLength(10);
    expect(progress[0]).toEqual({ step: 'nodes', answered: 1, needed: 10, total: 18 });
  });

  it('works with 8 nodes down and names all 9 when one more is down', async () => {
    const down = range(11, 18);
    await Promise.all(down.map((j) => net.node(j).stop()));
    try {
      const share = await fetchNetworkShare({ network: net.network, ...(await net.login('alice')) });
      expect(share.used).toEqual(range(1, 10));
      expect(share.share).toEqual(built.networkShare);
      await net.node(10).stop();
      let error: TrineError | undefined;
      await fetchNetworkShare({ network: net.network, ...(await net.login('alice')) }).catch(
        (e) => (error = e),
      );
      expect(error?.code).toBe('not-enough-nodes');
      const failures = (error?.details?.failures ?? []) as { node: number; reason: string }[];
      expect(
        failures
          .filter((f) => f.reason === 'unreachable')
          .map((f) => f.node)
          .sort((a, b) => a - b),
      ).toEqual(range(10, 18));
    } finally {
      await Promise.all(range(10, 18).map((j) => net.node(j).restart()));
    }
  });

  it('detects 8 corrupt nodes, names them and still logs in', async () => {
    // every node (some just restarted) answers once, so the timing below is what decides
    const warm = await attest({ network: net.network, ...(await net.login('alice')) });
    expect(warm.attestations.map((a) => [a.body.registered, a.body.epoch])).toEqual(
      Array(18).fill([true, 1]),
    );
    const bad = range(11, 18);
    const corrupt = await corruptNetwork(net.network, bad, net.secretsOf);
    try {
      const network = corrupt.network;
      const share = await fetchNetworkShare({ network, ...(await net.login('alice')) });
      expect(share.share).toEqual(built.networkShare);
      expect(share.used.every((j) => !bad.includes(j))).toBe(true);
      const named = share.failures
        .filter((f) => f.reason === 'bad-share')
        .map((f) => f.node)
        .sort((a, b) => a - b);
      expect(named).toEqual(bad);
    } finally {
      await corrupt.close();
    }
  });
});
