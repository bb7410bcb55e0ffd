/**
 * Ports a browser will not fetch. The WHATWG Fetch standard's "bad port" list
 * (https://fetch.spec.whatwg.org/#port-blocking) makes Chromium, Firefox and Node's fetch
 * refuse these ports outright (net::ERR_UNSAFE_PORT), so a service placed on one looks
 * dead though it runs. A stack whose ports include one is refused before anything starts,
 * naming the service and the port.
 */
import type { LocalConfig } from '../config/local.ts';
import { TrineError } from '../errors/index.ts';

/** https://fetch.spec.whatwg.org/#bad-port, as of 2025. */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Every service port of config/local.json shifted by `offset`, with its service's name. */
export function stackPorts(config: LocalConfig, offset: number, nodeCount = config.nodes.count) {
  return [
    { service: 'oidc', port: config.oidc.port + offset },
    { service: 'chain', port: config.chain.port + offset },
    { service: 'metadata', port: config.metadata.port + offset },
    { service: 'dapp', port: config.dapp.port + offset },
    ...Array.from({ length: nodeCount }, (_, i) => ({
      service: `node-${i + 1}`,
      port: config.nodes.basePort + i + offset,
    })),
  ];
}

/**
 * Throws `invalid-input` naming the first service whose port browsers refuse to fetch.
 *
 * @example
 * assertFetchablePorts(stackPorts(config, 2000)); // dapp: port 10080 is one browsers refuse …
 */
export function assertFetchablePorts(ports: readonly { service: string; port: number }[]): void {
  const blocked = ports.find((p) => FETCH_BLOCKED_PORTS.has(p.port));
  if (blocked === undefined) return;
  throw new TrineError({
    code: 'invalid-input',
    message:
      `${blocked.service}: port ${blocked.port} is one browsers refuse to fetch (the Fetch standard's ` +
      `"bad port" list, net::ERR_UNSAFE_PORT). Choose another --port-offset, or change the port in config/local.json.`,
    details: { field: 'port', service: blocked.service, port: blocked.port },
  });
}
