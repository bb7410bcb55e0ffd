import * as v from 'valibot';
import { hex, int, key32, parse } from '../protocol/parse.ts';

/**
 * The public description of a Trine network: who the nodes are, where the metadata
 * server is, which OpenID issuers are trusted. The extension embeds it at build time;
 * every server loads it at start. Secrets never appear here (see `secrets.ts`).
 */
export const Verifier = v.strictObject({
  /** Stable name; part of the user identity uid = (verifier, subject). */
  name: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)),
  issuer: v.pipe(v.string(), v.url()),
  /** Accepted `aud` values (OAuth client ids). */
  audiences: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
  /** Claim naming the user; `sub` unless the issuer says otherwise. */
  subjectClaim: v.optional(v.string(), 'sub'),
  /** JWKS URL; discovered from `issuer` when absent. */
  jwksUri: v.optional(v.pipe(v.string(), v.url())),
});
export type Verifier = v.InferOutput<typeof Verifier>;

export const NodeEntry = v.strictObject({
  index: int(1, 1000),
  url: v.pipe(v.string(), v.url()),
  /** Ed25519 public key that signs this node's answers. */
  signingKey: key32,
  /** X25519 public key that dealings are sealed to. */
  encryptionKey: key32,
});
export type NodeEntry = v.InferOutput<typeof NodeEntry>;

export const NetworkConfig = v.pipe(
  v.strictObject({
    version: v.literal(1),
    threshold: int(1, 1000),
    nodes: v.pipe(v.array(NodeEntry), v.minLength(1), v.maxLength(1000)),
    metadata: v.strictObject({ url: v.pipe(v.string(), v.url()), signingKey: key32 }),
    verifiers: v.pipe(v.array(Verifier), v.minLength(1)),
  }),
  v.check((c) => c.threshold <= c.nodes.length, 'threshold is larger than the number of nodes'),
  v.check((c) => new Set(c.nodes.map((n) => n.index)).size === c.nodes.length, 'node indices repeat'),
);
export type NetworkConfig = v.InferOutput<typeof NetworkConfig>;

/** Validate a parsed network configuration; throws `TrineError('invalid-input')` naming the field. */
export function parseNetworkConfig(value: unknown): NetworkConfig {
  return parse(NetworkConfig, value, 'network');
}

/** Secrets of one node process; kept in a file readable only by it, or in the environment. */
export const NodeSecrets = v.strictObject({
  index: int(1, 1000),
  /** Ed25519 private seed. */
  signingKey: hex(32),
  /** X25519 private key. */
  encryptionKey: hex(32),
  /** Encrypts every stored value at rest. */
  storageKey: hex(32),
  /** Shared by all nodes of a network: P = HMAC(networkSalt, uid). */
  networkSalt: hex(32),
});
export type NodeSecrets = v.InferOutput<typeof NodeSecrets>;

export const MetadataSecrets = v.strictObject({
  /** Ed25519 private seed that signs receipts. */
  signingKey: hex(32),
});
export type MetadataSecrets = v.InferOutput<typeof MetadataSecrets>;
