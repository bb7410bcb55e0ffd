/**
 * The development OpenID provider: start-up time and one full authorization-code + PKCE
 * sign-in over HTTP (what every login of the integration and e2e tests pays).
 * Contract: scripts/bench.mjs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devLogin } from '../src/oidc/devLogin.ts';
import { freePort } from '../src/stack/ports.ts';
import { spawnService } from '../src/stack/process.ts';
import { oidcService } from '../src/stack/services.ts';

const quick = process.argv.includes('--quick');
const logins = quick ? 10 : 100;
const dir = mkdtempSync(join(tmpdir(), 'trine-bench-oidc-'));
const port = await freePort();
const issuer = `http://localhost:${port}`;
const redirectUri = 'http://localhost:8080/callback';

const t0 = performance.now();
const oidc = await spawnService(
  oidcService({ root: process.cwd(), dir, host: '127.0.0.1' }, { port, issuer, redirectUris: [redirectUri] }),
);
const startMs = performance.now() - t0;
try {
  await devLogin({ issuer, clientId: 'trine-extension', redirectUri, account: 'alice', nonce: 'warm-up' });
  const times: number[] = [];
  for (let i = 0; i < logins; i++) {
    const t = performance.now();
    await devLogin({ issuer, clientId: 'trine-extension', redirectUri, account: 'bob', nonce: `n${i}` });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      'oidc.start_ms': Math.round(startMs),
      'oidc.dev_login_p50_ms': Number(at(0.5).toFixed(1)),
      'oidc.dev_login_p95_ms': Number(at(0.95).toFixed(1)),
    })}\n`,
  );
} finally {
  await oidc.stop();
  rmSync(dir, { recursive: true, force: true });
}
