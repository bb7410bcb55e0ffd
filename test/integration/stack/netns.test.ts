/**
 * Hosts as network namespaces (src/stack/multihost/netns.ts), as the multi-host test and
 * benchmark use them: each host with its own address, a cut host's link down until
 * restored, the leftovers of a crashed run removed by the next one, and nothing of the
 * prefix left after `remove()`. (That a cut host is unreachable over HTTPS is checked by
 * test/e2e/multihost.spec.ts; this machine has no `ping`.) Skipped, saying why, only where
 * namespaces cannot be made.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createNamespaces,
  namespacesUnavailable,
  removeNamespaces,
} from '../../../src/stack/multihost/netns.ts';

const prefix = 'trmi';
const unavailable = namespacesUnavailable();
const ip = (...args: string[]) => execFileSync('ip', args, { encoding: 'utf8' });
const left = () => ({
  namespaces: ip('netns', 'list')
    .split('\n')
    .filter((line) => line.startsWith(`${prefix}-`)),
  links: ip('-o', 'link', 'show')
    .split('\n')
    .filter((line) => line.includes(` ${prefix}-`)),
});
/** The host's address as its namespace sees it, and whether its root-side link is up. */
const addressIn = (ns: string) => ip('-n', ns, '-o', '-4', 'addr', 'show', 'dev', 'eth0');
const linkUp = (veth: string) => /[<,]UP[,>]/.test(ip('-o', 'link', 'show', 'dev', veth));

describe.skipIf(unavailable !== undefined)(
  `hosts as network namespaces${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    afterAll(() => removeNamespaces(prefix));

    it('each host has its own address, a cut host’s link is down until restored, leftovers go first and remove() leaves nothing', () => {
      // A crashed earlier run: its namespaces and links are still there.
      createNamespaces({ prefix, subnet: '10.213.7', hosts: ['a', 'b'] });
      expect(left().namespaces).toHaveLength(2);

      const net = createNamespaces({ prefix, subnet: '10.213.7', hosts: ['a', 'b', 'c'] });
      expect(
        left()
          .namespaces.map((line) => line.split(' ')[0])
          .sort(),
      ).toEqual(['trmi-a', 'trmi-b', 'trmi-c']);
      expect(net.hosts.map((h) => h.address)).toEqual(['10.213.7.10', '10.213.7.11', '10.213.7.12']);
      for (const host of net.hosts) {
        expect(addressIn(host.ns)).toContain(`inet ${host.address}/24`);
        expect(linkUp(host.veth)).toBe(true);
      }
      expect(ip('-o', '-4', 'addr', 'show', 'dev', `${prefix}-br`)).toContain('inet 10.213.7.1/24');

      net.cut('b');
      expect(linkUp(net.host('b').veth)).toBe(false);
      expect(linkUp(net.host('a').veth)).toBe(true);
      net.restore('b');
      expect(linkUp(net.host('b').veth)).toBe(true);

      net.remove();
      expect(left()).toEqual({ namespaces: [], links: [] });
    });

    it('refuses names that could collide with the machine’s own interfaces, before touching anything', () => {
      expect(() => createNamespaces({ prefix: 'eth', subnet: '192.168.1', hosts: ['a'] })).toThrow(
        "subnet must be 10.x.y, not '192.168.1'",
      );
      expect(() => createNamespaces({ prefix, subnet: '10.213.7', hosts: ['too-long-name'] })).toThrow(
        "host name must be 1-6 of a-z0-9, not 'too-long-name'",
      );
      expect(left()).toEqual({ namespaces: [], links: [] });
    });
  },
);
