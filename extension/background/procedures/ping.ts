import browser from 'webextension-polyfill';
import type { PingReply } from '../../../src/messages/index.ts';

/** Liveness check for pages: the background is up and which version it runs. */
export function ping(): PingReply {
  return { ok: true, version: browser.runtime.getManifest().version };
}
