/**
 * Which client a request comes from, for rate limiting only.
 *
 * Behind a reverse proxy or load balancer every peer is the proxy. A server told which
 * peers are its proxies (`--trust-proxy`) takes the client from `X-Forwarded-For`, read
 * from the right: each trusted hop appends the address it saw, so the first address that
 * is not one of ours is the client. Everything to its left was written by that client and
 * is ignored; so is the header of a peer we do not trust.
 *
 * The limiter key of an IPv6 client is its /64, the smallest block a host is handed: one
 * host could otherwise rotate through 2^64 addresses to dodge its limit.
 */
import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` → `10.0.0.1`; lower case; `undefined` for anything that is not an IP. */
export function normalizeAddress(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let a = raw.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  if (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) === 0 ? undefined : a;
}

/**
 * Parses a `--trust-proxy` list: comma-separated IP addresses. A malformed entry is an
 * error that names it (a typo must not silently trust nobody, or everybody).
 */
export function parseTrustedProxies(list: string | undefined): ReadonlySet<string> {
  const set = new Set<string>();
  for (const entry of (list ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const address = normalizeAddress(entry);
    if (address === undefined) throw new Error(`--trust-proxy: "${entry.trim()}" is not an IP address`);
    set.add(address);
  }
  return set;
}

/**
 * The client address of a request: the peer, unless the peer is a trusted proxy, then the
 * rightmost `X-Forwarded-For` entry that is not a trusted proxy. A malformed entry where
 * the client should be leaves the request keyed by the last trusted hop (the client wrote
 * garbage, or a proxy is misconfigured: either way one key for all of them, not a fresh
 * key per request).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: ReadonlySet<string>,
): string {
  let client = normalizeAddress(peer) ?? 'unknown';
  if (trusted.size === 0 || !trusted.has(client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (hop === undefined) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}

/** Groups a list of IPv6 parts stands for: a trailing dotted IPv4 part is two. */
const width = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);

/** The rate-limiter key of a client address: IPv6 by its /64, IPv4 whole. */
export function rateKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
