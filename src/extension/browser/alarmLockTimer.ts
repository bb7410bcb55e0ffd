/**
 * Auto-lock through `browser.alarms`: an alarm outlives the service worker (a stopped
 * worker is started to handle it), unlike a timer.
 */
import browser from 'webextension-polyfill';
import type { LockTimer } from '../session/sessionState.ts';

export const AUTO_LOCK_ALARM = 'trine-auto-lock';

export const alarmLockTimer: LockTimer = {
  schedule: (at) => browser.alarms.create(AUTO_LOCK_ALARM, { when: at }),
  cancel: async () => {
    await browser.alarms.clear(AUTO_LOCK_ALARM);
  },
};
