/**
 * Domain-separation strings, defined once. Every hash, KDF and signature in Trine is
 * bound to one of these, so bytes made for one purpose are never accepted for another.
 * Changing any value is a format break: the vectors in test/vectors/ pin them.
 */
export const TAG = {
  /** ECIES over secp256k1 (factor shares at rest). */
  eciesSecp256k1: 'trine:ecies-secp256k1:v1',
  /** ECIES over X25519 (node answers to a session key; dealings to node keys). */
  eciesX25519: 'trine:ecies-x25519:v1',
  /** Symmetric AEAD key for a record's private part, derived from m. */
  metadataPrivate: 'trine:metadata-private:v1',
  /** Node storage: values encrypted at rest. */
  nodeStorage: 'trine:node-storage:v1',
  /** Pseudonym P = HMAC(networkSalt, uid). */
  pseudonym: 'trine:pseudonym:v1',
  /** Passkey factor key from a WebAuthn PRF output. */
  prfFactor: 'trine:prf-factor:v1',
  /** The PRF salt sent to the authenticator (eval.first). */
  prfSalt: 'trine:prf-salt:v1',
  /** Password factor key from argon2id. */
  passwordFactor: 'trine:password-factor:v1',
  /** Recovery-phrase factor key. */
  phraseFactor: 'trine:phrase-factor:v1',
  /** Hash-to-scalar: reduce 48 uniform bytes to a scalar. */
  hashToScalar: 'trine:hash-to-scalar:v1',
  /** OIDC nonce binding a login to its session key and its candidate metadata key. */
  loginNonce: 'trine:login-nonce:v1',
  /** A node's one-time inbox key for a user's next dealing, sealed at rest. */
  nodeInbox: 'trine:node-inbox:v1',
  /** Account i ≥ 1 from k: HMAC-SHA-256(k, tag ‖ i) reduced to a scalar (src/wallet/accounts.ts). */
  account: 'trine:account:v1',
} as const;

/** Prefix of every signature tag: the signed object's `kind` completes it. */
export const signatureTag = (kind: string): string => `trine:sig:${kind}:v1`;
