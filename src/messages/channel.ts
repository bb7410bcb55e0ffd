/**
 * Tags of the `window.postMessage` channel between the in-page provider (MAIN world) and
 * the isolated content script. Plain constants with no imports, so the dependency-free
 * in-page bundle can share them.
 */

/** Set on every message the in-page provider posts for the content script. */
export const TO_CONTENT = 'trine:to-content';
/** Set on every message the content script posts back to the in-page provider. */
export const TO_INPAGE = 'trine:to-inpage';

/**
 * Content script → page, on the same channel: whether this page's provider says
 * `isMetaMask` (the user's setting, globally and for this site).
 */
export const METAMASK_FLAG_EVENT = 'trine:metamask-flag';

/** Largest serialised provider request the relay accepts (bytes of JSON). */
export const MAX_REQUEST_BYTES = 1 << 20;
