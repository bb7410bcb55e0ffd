/**
 * What the extension is built for: the public network description (nodes, metadata
 * server, trusted OpenID issuers), the OpenID clients the wallet signs in with, and the
 * chains it knows from the start. `vite.config.ts` embeds it at build time from the
 * network directory (`TRINE_NETWORK_DIR`, default data/local); nothing in it is secret.
 */
import * as v from 'valibot';
import { NetworkConfig } from '../config/network.ts';
import { parse } from '../protocol/parse.ts';

export const ChainConfig = v.strictObject({
  chainId: v.pipe(v.string(), v.regex(/^0x[0-9a-f]{1,16}$/)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  rpcUrl: v.pipe(v.string(), v.url()),
  symbol: v.pipe(v.string(), v.minLength(1), v.maxLength(12)),
  /** The block explorer's base URL; links are `${explorerUrl}/tx/${hash}`, `/address/`, `/token/`. */
  explorerUrl: v.optional(v.pipe(v.string(), v.url())),
});
export type ChainConfig = Omit<v.InferOutput<typeof ChainConfig>, 'chainId'> & { chainId: `0x${string}` };

/** An OpenID client: `name` is the network's verifier for this issuer. */
export const ProviderConfig = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  issuer: v.pipe(v.string(), v.url()),
  clientId: v.pipe(v.string(), v.minLength(1)),
  scope: v.optional(v.string(), 'openid email profile'),
});
export type ProviderConfig = v.InferOutput<typeof ProviderConfig>;

export const ExtensionConfig = v.pipe(
  v.strictObject({
    network: NetworkConfig,
    providers: v.pipe(v.array(ProviderConfig), v.minLength(1)),
    chains: v.pipe(v.array(ChainConfig), v.minLength(1)),
  }),
  v.check(
    (c) =>
      c.providers.every((p) => c.network.verifiers.some((x) => x.name === p.name && x.issuer === p.issuer)),
    'every provider must be a verifier of the network, with the same issuer',
  ),
);
export type ExtensionConfig = Omit<v.InferOutput<typeof ExtensionConfig>, 'chains'> & {
  chains: ChainConfig[];
};

export function parseExtensionConfig(value: unknown): ExtensionConfig {
  return parse(ExtensionConfig, value, 'extension config') as ExtensionConfig;
}

/**
 * The configuration for a network: one provider per verifier (its first audience is the
 * client id) and the given chains.
 *
 * @example
 * extensionConfigFor(network, [{ chainId: '0x7a69', name: 'Trine local', rpcUrl: 'http://127.0.0.1:8545', symbol: 'ETH' }]);
 */
export function extensionConfigFor(network: NetworkConfig, chains: ChainConfig[]): ExtensionConfig {
  return parseExtensionConfig({
    network,
    providers: network.verifiers.map((verifier) => ({
      name: verifier.name,
      label: verifier.name === 'trine-dev' ? 'Development accounts' : new URL(verifier.issuer).host,
      issuer: verifier.issuer,
      clientId: verifier.audiences[0],
    })),
    chains,
  });
}
