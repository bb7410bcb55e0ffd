/**
 * The background service worker (Chrome) / background script (Firefox). Wiring only:
 * every message goes through the router, which decides who may ask what.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { route } from './router.ts';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender),
);
