/**
 * Finds an issuer's JWKS URL from `<issuer>/.well-known/openid-configuration` (OpenID
 * Connect Discovery 1.0 §4) when the verifier does not name one. Bounded like every
 * outbound call: a timeout, no redirects, exact status, the document's `issuer` must be
 * the configured one, and `jwks_uri` must be https (http only on loopback, for the dev
 * provider). One fetch per issuer; a failure is remembered for a cooldown so a flood of
 * logins during an outage does not become a flood of fetches.
 */
import { TrineError } from '../../errors/index.ts';

const TIMEOUT_MS = 5_000;
const FAILURE_COOLDOWN_MS = 10_000;

type Entry = { uri?: Promise<URL>; failedAt?: number };
const cache = new Map<string, Entry>();

const isLoopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

export function discoverJwksUri(issuer: string): Promise<URL> {
  let entry = cache.get(issuer);
  if (!entry) {
    entry = {};
    cache.set(issuer, entry);
  }
  if (entry.uri) return entry.uri;
  if (entry.failedAt !== undefined && Date.now() - entry.failedAt < FAILURE_COOLDOWN_MS)
    return Promise.reject(unreachable(issuer, 'discovery failed recently'));
  const pending = fetchDiscovery(issuer);
  entry.uri = pending;
  pending.catch(() => {
    const e = cache.get(issuer);
    if (e) {
      delete e.uri;
      e.failedAt = Date.now();
    }
  });
  return pending;
}

async function fetchDiscovery(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    doc = (await response.json()) as typeof doc;
  } catch (cause) {
    throw unreachable(issuer, cause instanceof Error ? cause.message : String(cause));
  }
  if (doc?.issuer !== issuer) throw unreachable(issuer, 'the discovery document names another issuer');
  let jwks: URL;
  try {
    jwks = new URL(String(doc.jwks_uri));
  } catch {
    throw unreachable(issuer, 'jwks_uri is not a URL');
  }
  if (jwks.protocol !== 'https:' && !(jwks.protocol === 'http:' && isLoopback(jwks)))
    throw unreachable(issuer, 'jwks_uri must be https');
  return jwks;
}

function unreachable(issuer: string, why: string): TrineError {
  return new TrineError({
    code: 'network-unreachable',
    status: 503,
    message: `cannot discover the keys of ${issuer}: ${why}`,
  });
}
