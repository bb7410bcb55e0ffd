/**
 * The wallet service of this worker, wired to the browser: storage.session, alarms, the
 * identity API, the real network. Created at worker start, so an unlocked session kept in
 * storage.session is back before the first message is answered.
 */
import browser from 'webextension-polyfill';
import { alarmLockTimer } from '../../src/extension/browser/alarmLockTimer.ts';
import { authorizationChannel } from '../../src/extension/browser/authChannel.ts';
import { browserSessionArea } from '../../src/extension/browser/sessionArea.ts';
import type { SessionArea } from '../../src/extension/sessionStore.ts';
import { WalletService } from '../../src/extension/walletService.ts';
import type { WalletProgressEvent } from '../../src/messages/wallet.ts';
import { createNetworkBackend } from '../../src/wallet/networkBackend.ts';
import { config, walletDb } from './context.ts';
import { dappServices } from './provider.ts';

const area = browserSessionArea();
const lazyArea: SessionArea = {
  get: async (key) => (await area).get(key),
  set: async (key, value) => (await area).set(key, value),
  remove: async (key) => (await area).remove(key),
};

export const wallet = new WalletService({
  config,
  db: walletDb,
  backend: createNetworkBackend(config.network),
  sessionArea: lazyArea,
  channel: authorizationChannel(),
  lockTimer: alarmLockTimer,
  sending: dappServices,
  broadcast: (event: WalletProgressEvent) => {
    // No page listening is fine: progress is a courtesy.
    browser.runtime.sendMessage(event).catch(() => {});
  },
});
