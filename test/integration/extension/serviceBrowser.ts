/**
 * One browser profile for the wallet service tests: its own IndexedDB (fake-indexeddb) and
 * storage.session, the dev provider as identity API, calls validated against the contract
 * as the router does. `browserFor('', b)` is a new worker of the same profile.
 */
import 'fake-indexeddb/auto';
import { toHex } from '../../../src/crypto/bytes.ts';
import { isTrineError } from '../../../src/errors/index.ts';
import { extensionConfigFor } from '../../../src/extension/config.ts';
import { openWalletDb, type WalletDb } from '../../../src/extension/db.ts';
import { memorySessionArea } from '../../../src/extension/sessionStore.ts';
import { type LockTimer, WalletService } from '../../../src/extension/walletService.ts';
import type { WalletMessage, WalletProgressEvent } from '../../../src/messages/wallet.ts';
import { WalletMessage as WalletMessageSchema } from '../../../src/messages/wallet.ts';
import { parse } from '../../../src/protocol/parse.ts';
import type { WalletHarness } from '../wallet/harness.ts';
import { type DevChannel, devChannel } from './devChannel.ts';

let dbCount = 0;
export type Browser = {
  service: WalletService;
  db: WalletDb;
  area: ReturnType<typeof memorySessionArea>;
  channel: DevChannel;
  events: WalletProgressEvent[];
  timer: { at: number | null };
  clock: { offset: number };
  call: <M extends WalletMessage>(m: M) => ReturnType<WalletService['handle']>;
};

export async function browserFor(h: WalletHarness, account: string, reuse?: Browser): Promise<Browser> {
  const db = reuse?.db ?? (await openWalletDb(`trine-service-${process.pid}-${dbCount++}`));
  const area = reuse?.area ?? memorySessionArea();
  const channel = reuse?.channel ?? devChannel(h.stack.urls.issuer, h.stack.urls.oidcCallback, account);
  const clock = reuse?.clock ?? { offset: 0 };
  const timer = { at: null as number | null };
  const lockTimer: LockTimer = {
    schedule: (at) => {
      timer.at = at;
    },
    cancel: () => {
      timer.at = null;
    },
  };
  const events: WalletProgressEvent[] = [];
  const config = extensionConfigFor(h.stack.network, [
    { chainId: '0x7a69', name: 'Trine local', rpcUrl: 'http://127.0.0.1:1', symbol: 'ETH' },
  ]);
  const service = new WalletService({
    config,
    db: async () => db,
    backend: h.backend,
    sessionArea: area,
    channel,
    lockTimer,
    broadcast: (e) => events.push(e),
    now: () => Date.now() + clock.offset,
  });
  // As the router does: every call is validated against the contract first.
  const call = (m: WalletMessage) => service.handle(parse(WalletMessageSchema, m, 'message'));
  return { service, db, area, channel, events, timer, clock, call: call as Browser['call'] };
}

export const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return isTrineError(err) ? err.code : String(err);
  }
};

/** Every value in the database, as text (hex for bytes), for scanning. */
export async function dumpDb(db: WalletDb): Promise<string> {
  const out: unknown[] = [];
  for (const store of db.objectStoreNames) out.push(await db.getAll(store));
  return JSON.stringify(out, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v));
}
