import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  normalizeAddress,
  parseTrustedProxies,
  rateKey,
} from '../../../src/server/clientAddress.ts';

const proxies = parseTrustedProxies('10.0.0.1, 10.0.0.2,::1');

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', new Set())).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, new Set())).toBe('203.0.113.9');
  });

  it('ignores the header of a peer that is not a trusted proxy (a client cannot pick its own key)', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
  });

  it('behind a trusted proxy, is the address the proxy appended', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
  });

  it('skips every trusted hop from the right, and ignores what the client wrote to their left', () => {
    // the client sent "X-Forwarded-For: 1.1.1.1, 2.2.2.2" hoping to be someone else
    expect(clientAddress('10.0.0.2', '1.1.1.1, 2.2.2.2, 198.51.100.7, 10.0.0.1', proxies)).toBe(
      '198.51.100.7',
    );
    expect(clientAddress('10.0.0.2', ['1.1.1.1', '198.51.100.7, 10.0.0.1'], proxies)).toBe('198.51.100.7');
  });

  it('keys a malformed client entry by the last trusted hop, not by the junk (no fresh key per request)', () => {
    expect(clientAddress('10.0.0.1', 'random-junk-123', proxies)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.2', 'junk, 10.0.0.1', proxies)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '', proxies)).toBe('10.0.0.1');
  });

  it('a header made only of trusted hops leaves the innermost one', () => {
    expect(clientAddress('10.0.0.2', '10.0.0.1', proxies)).toBe('10.0.0.1');
  });

  it('accepts IPv6 clients, bracketed or not', () => {
    expect(clientAddress('::1', '[2001:DB8::5]', proxies)).toBe('2001:db8::5');
  });
});

describe('parseTrustedProxies', () => {
  it('reads a comma-separated list and normalises it', () => {
    expect([...parseTrustedProxies(' 10.0.0.1 ,::FFFF:10.0.0.2,, 2001:db8::1 ')]).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '2001:db8::1',
    ]);
    expect(parseTrustedProxies(undefined).size).toBe(0);
  });

  it('rejects an entry that is not an address, naming it (no silent trust of nobody or everybody)', () => {
    expect(() => parseTrustedProxies('10.0.0.1,10.0.0.0/8')).toThrow(
      '--trust-proxy: "10.0.0.0/8" is not an IP address',
    );
    expect(() => parseTrustedProxies('loadbalancer.internal')).toThrow(/not an IP address/);
  });
});

describe('rateKey', () => {
  it('keys IPv4 by the whole address', () => {
    expect(rateKey('198.51.100.7')).toBe('198.51.100.7');
  });

  it('keys IPv6 by its /64, however it is written', () => {
    const key = rateKey('2001:db8:1:2::1');
    expect(rateKey('2001:db8:1:2:ffff:eeee:dddd:cccc')).toBe(key);
    expect(rateKey('2001:0db8:0001:0002:0000:0000:0000:0009')).toBe(key);
    expect(key).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:db8:1:3::1')).not.toBe(key);
    expect(rateKey('::1')).toBe('0:0:0:0::/64');
    expect(rateKey('1::2:3:4:5:1.2.3.4')).toBe('1:0:2:3::/64');
  });
});

describe('normalizeAddress', () => {
  it('returns undefined for what is not an IP', () => {
    expect(normalizeAddress('example.com')).toBeUndefined();
    expect(normalizeAddress(undefined)).toBeUndefined();
    expect(normalizeAddress('1.2.3.4:80')).toBeUndefined();
  });
});
