/**
 * The Activity screen's list from the wallet's IndexedDB (fake-indexeddb): each send with
 * its explorer link where its chain has an explorer, and Speed up / Cancel offered only for
 * a pending send of the account in use that was recorded with what it signed. Without the
 * background's chain services (a worker without them) the stored list is answered as is.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getActivity, recordActivity, updateActivity } from '../../../src/extension/activity.ts';
import type { Chain } from '../../../src/extension/dapp/services.ts';
import { type ActivityEntry, openWalletDb, type WalletDb } from '../../../src/extension/db.ts';
import { activityList } from '../../../src/extension/send/activityList.ts';
import type { SendServices } from '../../../src/extension/send/services.ts';

const me = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
const sent = (from: `0x${string}`) =>
  ({
    from,
    to: other,
    value: '1',
    data: '0x',
    gas: '21000',
    nonce: 0,
    fees: { type: 'legacy', gasPrice: '1' },
  }) as const;

let n = 0;
/** The services the list reads: chains by id; no entry here is pending, so the chain is never asked. */
function servicesFor(db: WalletDb, chains: Chain[]): Pick<SendServices, 'chains' | 'rpc' | 'activity'> {
  return {
    chains: {
      selected: async () => chains[0]!,
      get: async (id) => chains.find((c) => c.chainId === id),
      add: async () => {},
      select: async () => {},
    },
    rpc: async () => {
      throw new Error('no chain call expected');
    },
    activity: {
      add: async (entry) => (await recordActivity(db, entry)).id,
      get: (id) => getActivity(db, id),
      update: async (id, patch) => {
        await updateActivity(db, id, patch);
      },
      pending: async () => [],
    },
  };
}
const entry = (over: Partial<ActivityEntry>): Omit<ActivityEntry, 'id' | 'at'> => ({
  kind: 'send',
  origin: null,
  hash: hash(1),
  chainId: '0x1',
  status: 'confirmed',
  summary: 'Sent 1 ETH',
  ...over,
});

describe('activity list', () => {
  it('links sends to the explorer of their chain, where it has one', async () => {
    const db = await openWalletDb(`trine-activity-${n++}`);
    await recordActivity(db, entry({ hash: hash(1), chainId: '0x1', at: 1 }));
    await recordActivity(db, entry({ hash: hash(2), chainId: '0x7a69', at: 2 }));
    await recordActivity(db, entry({ kind: 'connect', hash: null, chainId: null, status: 'done', at: 3 }));
    const chains: Chain[] = [
      {
        chainId: '0x1',
        name: 'Ethereum',
        rpcUrl: 'https://eth.example',
        symbol: 'ETH',
        explorerUrl: 'https://etherscan.io/',
      },
      { chainId: '0x7a69', name: 'Local', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH', explorerUrl: null },
    ];
    const items = await activityList(db, servicesFor(db, chains), me);
    expect(items.map((i) => [i.kind, i.explorerUrl])).toEqual([
      ['connect', null],
      ['send', null],
      ['send', `https://etherscan.io/tx/${hash(1)}`],
    ]);
  });

  it('offers speed up / cancel only for a pending send of the account in use, kept with what it signed', async () => {
    const db = await openWalletDb(`trine-activity-${n++}`);
    // Settled ones first (never asked about); the pending ones on a chain the wallet no longer has.
    await recordActivity(db, entry({ status: 'confirmed', tx: sent(me), at: 1 }));
    await recordActivity(db, entry({ status: 'pending', chainId: '0x539', tx: sent(me), at: 2 }));
    await recordActivity(db, entry({ status: 'pending', chainId: '0x539', tx: sent(other), at: 3 }));
    await recordActivity(db, entry({ status: 'pending', chainId: '0x539', at: 4 }));
    const items = await activityList(db, servicesFor(db, []), me);
    expect(items.map((i) => i.replaceable)).toEqual([false, false, true, false]);
    // Locked (no account) or without chain services: nothing is offered, the list is as stored.
    expect((await activityList(db, servicesFor(db, []), null)).some((i) => i.replaceable)).toBe(false);
    expect((await activityList(db, undefined, me)).map((i) => i.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'confirmed',
    ]);
  });
});
