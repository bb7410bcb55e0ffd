/**
 * The hosts the extension may reach, derived from what it is built for: every node, the
 * metadata server, each verifier's issuer (discovery and token endpoint of the sign-in)
 * and the built-in chains' RPC (the configured ones and the known public chains of
 * knownChains.ts). Nothing else: no `<all_urls>`, no wildcard host. dApps do not appear
 * here (content scripts are not host permissions), nor do JWKS URLs (only the nodes fetch
 * those) or chains a user adds later: their RPC must answer CORS, as it must for any web
 * page, so adding a chain never widens what the extension may reach (MetaMask asks for
 * every host instead).
 *
 * Chrome's match patterns take a port, so each origin is exact (`https://10.0.0.5:9201/*`);
 * Firefox's cannot (bug 1362809), so there the host alone is named, any port.
 * A build for a network that names a plain-http server off loopback is refused: in
 * production every node, metadata server and issuer is https.
 *
 * @example
 * hostPermissionsFor(config, 'chrome'); // ['https://node1.example:443/*', 'https://node2.example:8443/*', …]
 */
import { TrineError } from '../errors/index.ts';
import type { ExtensionConfig } from './config.ts';
import { builtInChains } from './knownChains.ts';

export type Browser = 'chrome' | 'firefox';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

export function hostPermissionsFor(config: ExtensionConfig, browser: Browser): string[] {
  const reached: { what: string; url: string }[] = [
    ...config.network.nodes.map((node) => ({ what: `node ${node.index}`, url: node.url })),
    { what: 'the metadata server', url: config.network.metadata.url },
    ...config.providers.map((provider) => ({ what: `the issuer of ${provider.name}`, url: provider.issuer })),
    ...builtInChains(config.chains).map((chain) => ({
      what: `the RPC of chain ${chain.chainId}`,
      url: chain.rpcUrl,
    })),
  ];
  const patterns = reached.map(({ what, url }) => matchPattern(what, new URL(url), browser));
  return [...new Set(patterns)];
}

function matchPattern(what: string, url: URL, browser: Browser): string {
  if (url.protocol === 'http:' && !loopback.has(url.hostname))
    throw new TrineError({
      code: 'invalid-input',
      message: `${what} is ${url.origin}: plain http is allowed only on loopback; use https`,
      details: { field: 'network' },
    });
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TrineError({
      code: 'invalid-input',
      message: `${what} is ${url.origin}: only http(s) URLs can be reached`,
      details: { field: 'network' },
    });
  if (browser === 'firefox') return `${url.protocol}//${url.hostname}/*`;
  // A Chrome pattern without a port matches every port: name it, the default one too.
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}/*`;
}
