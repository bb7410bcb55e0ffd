/**
 * Hosts as Linux network namespaces, for tests and benchmarks of a network spread over
 * machines: one namespace per host, each joined by a veth pair to a bridge in the root
 * namespace. Addresses are one private /24 used only inside this machine
 * (`<subnet>.1` is the root namespace's side, hosts get `<subnet>.10` and up); traffic
 * goes only between the root namespace and these hosts (no forwarding, no route out).
 *
 * A bridge rather than a /30 per host: hosts then reach the root namespace's address on
 * one link each and need no IP forwarding in the root namespace (a global setting that
 * must not be touched). Cutting a host sets its root-side veth down: the process keeps
 * running, packets to and from it are lost, as with a pulled cable.
 *
 * Every name starts with `prefix-`, so the leftovers of a crashed run are found and
 * removed by `removeNamespaces(prefix)` before the next run. Needs root and iproute2.
 *
 * @example
 * const net = createNamespaces({ prefix: 'trmh', subnet: '10.213.0', hosts: ['n1', 'md'] });
 * net.host('n1').address; // '10.213.0.10'
 * net.cut('n1'); net.restore('n1'); net.remove();
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type NamespaceHost = {
  /** Short name given by the caller (≤ 6 characters). */
  name: string;
  /** The namespace: run a process there with `ip netns exec <ns> …`. */
  ns: string;
  /** The root-side end of the host's veth: down = the host is cut off. */
  veth: string;
  address: string;
};

export type Namespaces = {
  /** The root namespace's address on the bridge, reachable from every host. */
  rootAddress: string;
  hosts: NamespaceHost[];
  host(name: string): NamespaceHost;
  /** Link down: the host is unreachable, its processes keep running. */
  cut(name: string): void;
  restore(name: string): void;
  /** Delete every namespace, veth and the bridge (idempotent). */
  remove(): void;
};

const ipBinary = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => existsSync(path));

/** Why this machine cannot make namespaces, or undefined when it can. */
export function namespacesUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'network namespaces need root (ip netns add)';
  if (ipBinary === undefined) return 'iproute2 is not installed (no `ip` binary)';
  try {
    ip('netns', 'list');
  } catch (error) {
    return `\`ip netns\` does not work here: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

export function createNamespaces(o: { prefix: string; subnet: string; hosts: string[] }): Namespaces {
  const { prefix, subnet } = o;
  if (!/^[a-z]{2,5}$/.test(prefix)) throw new RangeError(`prefix must be 2-5 letters a-z, not '${prefix}'`);
  if (!/^10\.\d{1,3}\.\d{1,3}$/.test(subnet)) throw new RangeError(`subnet must be 10.x.y, not '${subnet}'`);
  if (o.hosts.length > 200) throw new RangeError('at most 200 hosts');
  for (const name of o.hosts)
    if (!/^[a-z0-9]{1,6}$/.test(name)) throw new RangeError(`host name must be 1-6 of a-z0-9, not '${name}'`);
  removeNamespaces(prefix);
  const bridge = `${prefix}-br`;
  const rootAddress = `${subnet}.1`;
  const hosts = o.hosts.map((name, i) => ({
    name,
    ns: `${prefix}-${name}`,
    veth: `${prefix}-${name}`,
    address: `${subnet}.${10 + i}`,
  }));
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${rootAddress}/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    for (const host of hosts) {
      const peer = `${host.veth}p`;
      ip('netns', 'add', host.ns);
      ip('link', 'add', host.veth, 'type', 'veth', 'peer', 'name', peer);
      ip('link', 'set', peer, 'netns', host.ns);
      ip('link', 'set', host.veth, 'master', bridge);
      ip('link', 'set', host.veth, 'up');
      ip('-n', host.ns, 'link', 'set', 'lo', 'up');
      ip('-n', host.ns, 'link', 'set', peer, 'name', 'eth0');
      ip('-n', host.ns, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0');
      ip('-n', host.ns, 'link', 'set', 'eth0', 'up');
    }
  } catch (error) {
    removeNamespaces(prefix);
    throw error;
  }
  const host = (name: string) => {
    const found = hosts.find((h) => h.name === name);
    if (found === undefined) throw new RangeError(`no host '${name}' (hosts: ${o.hosts.join(', ')})`);
    return found;
  };
  return {
    rootAddress,
    hosts,
    host,
    cut: (name) => ip('link', 'set', host(name).veth, 'down'),
    restore: (name) => ip('link', 'set', host(name).veth, 'up'),
    remove: () => removeNamespaces(prefix),
  };
}

/** The command line prefix that runs a program inside namespace `ns`. */
export function inNamespace(ns: string): { command: string; args: string[] } {
  if (ipBinary === undefined) throw new Error('iproute2 is not installed (no `ip` binary)');
  return { command: ipBinary, args: ['netns', 'exec', ns] };
}

/** Delete every namespace and link whose name starts with `prefix-` (leftovers included). */
export function removeNamespaces(prefix: string): void {
  const mine = (name: string) => name.startsWith(`${prefix}-`);
  const namespaces = ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(mine);
  for (const ns of namespaces) ip('netns', 'del', ns); // takes the veth peer inside with it
  const links = ip('-o', 'link', 'show')
    .split('\n')
    .map((line) => /^\d+:\s+([^:@\s]+)/.exec(line)?.[1] ?? '')
    .filter(mine);
  for (const link of links) {
    try {
      ip('link', 'del', link);
    } catch {
      // the other end of a pair already took it with it
    }
  }
}

function ip(...args: string[]): string {
  if (ipBinary === undefined) throw new Error('iproute2 is not installed (no `ip` binary)');
  try {
    return execFileSync(ipBinary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`ip ${args.join(' ')} failed: ${stderr || String(error)}`);
  }
}
