/**
 * A node that lost its store (or came back from an old backup) holds no inbox key that the
 * current dealing was sealed to, so relaying that dealing cannot reach it (forward security
 * forbids keeping those keys). The next login refreshes the shares with every factor kept:
 * the new dealing is sealed to the node's current inbox and the node serves the user again.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attest } from '../../../src/clients/nodes/index.ts';
import { login } from '../../../src/wallet/flows/login.ts';
import { registerWallet, startWalletHarness, type WalletHarness } from './harness.ts';

let h: WalletHarness;
beforeAll(async () => {
  h = await startWalletHarness({ portOffset: 11_800 });
});
afterAll(async () => {
  await h?.stop();
});

describe('a node that lost its store', () => {
  it('gets a part again at the next login, and counts towards t afterwards', async () => {
    const w = await registerWallet(h, 'heal');
    const node5 = h.stack.node(5)!;
    await node5.stop();
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(h.stack.dir, `node-5.sqlite${suffix}`), { force: true });
    await node5.restart(); // an empty store: the user is unknown there

    const device = { kind: 'key' as const, factorKey: w.device };
    const first = await login({ backend: h.backend, login: await h.loginAs(w.account), proof: device });
    const report = await first.maintenance;
    expect(report.redealtFor).toEqual([5]);
    expect(first.session.epoch).toBe(2);
    const { attestations } = await attest({ network: h.stack.network, ...(await h.loginAs(w.account)) });
    expect(attestations.map((a) => [a.body.node, a.body.registered, a.body.epoch])).toEqual(
      h.stack.network.nodes.map((n) => [n.index, true, 2]),
    );

    // With two others down, node 5 is one of the t that answer.
    await h.stack.node(3)!.stop();
    await h.stack.node(4)!.stop();
    try {
      const again = await login({ backend: h.backend, login: await h.loginAs(w.account), proof: device });
      expect(again.session.address).toBe(w.session.address);
      expect((await again.maintenance).redealtFor).toEqual([]);
    } finally {
      await h.stack.node(3)!.restart();
      await h.stack.node(4)!.restart();
    }
  });
});
