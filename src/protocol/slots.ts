/**
 * Slots: the associated data every ciphertext is bound to. A ciphertext copied to another
 * slot (user, epoch, index, recipient) fails to open.
 */
import { canonicalBytes } from '../crypto/canonical.ts';

/** A node's sub-shares sealed to the login's session key. */
export const shareSlot = (P: string, epoch: number, node: number, sessionPub: string) =>
  canonicalBytes({ slot: 'node-share', P, epoch, node, recipient: sessionPub });

/** A node's sub-shares inside a dealing, sealed to the one-time inbox key the node handed out for P. */
export const dealingSlot = (P: string, epoch: number, node: number, nodeKey: string) =>
  canonicalBytes({ slot: 'dealing', P, epoch, node, recipient: nodeKey });

/** A factor's share, sealed to the factor's public key. */
export const factorSlot = (P: string, epoch: number, index: number, factorPub: string) =>
  canonicalBytes({ slot: 'factor-share', P, epoch, index, factor: factorPub });

/** The private part of a metadata record. */
export const privateSlot = (P: string) => canonicalBytes({ slot: 'record-private', P });

/** A node's inbox private key at rest (bound to the user and to its public key). */
export const nodeInboxSlot = (P: string, inboxPub: string) =>
  canonicalBytes({ slot: 'node-inbox', P, inbox: inboxPub });

/** A node's stored record at rest. */
export const nodeStorageSlot = (P: string) => canonicalBytes({ slot: 'node-record', P });
