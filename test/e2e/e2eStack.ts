/**
 * Where the end-to-end suite runs, apart from `npm start`, so both can run at once:
 *  - its own network (keys only) in data/e2e, with every port of config/local.json shifted
 *    by `e2ePortOffset` (oidc 10400, chain 9545, nodes 10201+, metadata 10300, dApp 9080);
 *  - its own extension build in dist-e2e/<browser>, built for that network (global-setup.ts),
 *    so the dist/ a developer loaded from `npm start` is never rebuilt under them.
 *
 * The offset keeps clear of the ports of `npm start` (offset 0), the integration tests
 * (11 000 … 11 600 and 13 000 … 22 800) and the benches (12 000 … 12 100).
 */
import { join } from 'node:path';
import { repoRoot } from '../../src/config/local.ts';

export const e2ePortOffset = 1_000;
/** The network the extension is built for and the `stack` fixture runs (keys only; stores are fresh per run). */
export const e2eNetworkDir = join(repoRoot, 'data', 'e2e');
/** `TRINE_OUT_DIR` of the e2e build: vite.config.ts writes `<it>/chrome` and `<it>/firefox`. */
export const e2eOutDir = join(repoRoot, 'dist-e2e');
export const e2eChromeDir = join(e2eOutDir, 'chrome');
export const e2eFirefoxDir = join(e2eOutDir, 'firefox');
