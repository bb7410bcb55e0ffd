/**
 * The background service worker (Chrome) / background script (Firefox). Wiring only:
 * every message goes through the router, which decides who may ask what.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { AUTO_LOCK_ALARM } from '../../src/extension/browser/alarmLockTimer.ts';
import { route } from './router.ts';
import { wallet } from './wallet.ts';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender),
);

// Registered at the top level, so the alarm wakes a stopped worker and is handled.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void wallet.autoLockDue();
});
