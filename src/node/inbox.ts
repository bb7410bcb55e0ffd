/**
 * A node's one-time inbox for a user's next dealing (ARCHITECTURE §4, refresh): an X25519
 * key pair per P, made on first need, handed out (signed) in every login answer and
 * attestation, and deleted by the install that uses it (store.replace with usedInbox).
 * A dealing sealed to it can therefore be opened only until it is installed: an old
 * dealing kept by a removed factor or a backup is useless even with every node's
 * long-lived keys taken later.
 *
 * At rest the private half is sealed like a record: AEAD under the storage-derived key,
 * slot nodeInboxSlot(P, pub).
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { aeadOpen, aeadSeal } from '../crypto/aead.ts';
import { fromHex, randomBytes, toHex, wipe } from '../crypto/bytes.ts';
import { importX25519Private, type X25519KeyPair } from '../crypto/x25519.ts';
import { TrineError } from '../errors/index.ts';
import { nodeInboxSlot } from '../protocol/slots.ts';
import type { NodeContext } from './context.ts';

/** P's inbox public key (hex), made and stored if P has none. */
export async function inboxFor(ctx: NodeContext, P: string): Promise<string> {
  const stored = await ctx.store.getInbox(P);
  if (stored) return stored.pub;
  const secret = randomBytes(32);
  const pub = toHex(x25519.getPublicKey(secret));
  const sealed = aeadSeal(ctx.recordKey, secret, nodeInboxSlot(P, pub));
  wipe(secret);
  return (await ctx.store.initInbox(P, { pub, sealed })).pub; // a concurrent login may have won
}

/** The inbox key pair of `pub`, if it is still P's inbox; `inbox-unknown` otherwise. */
export async function openInbox(ctx: NodeContext, P: string, pub: string): Promise<X25519KeyPair> {
  const stored = await ctx.store.getInbox(P);
  if (!stored || stored.pub !== pub)
    throw new TrineError({
      code: 'inbox-unknown',
      message: `node ${ctx.self.index}: the dealing is sealed to an inbox key this node no longer holds; deal again to its current inbox`,
      details: { node: ctx.self.index, ...(stored ? { inbox: stored.pub } : {}) },
    });
  let secret: Uint8Array;
  try {
    secret = aeadOpen(ctx.recordKey, stored.sealed, nodeInboxSlot(P, pub));
  } catch (cause) {
    throw new TrineError({
      code: 'internal',
      message: 'a stored inbox does not open with the storage key',
      cause,
    });
  }
  try {
    const publicKey = fromHex(pub, 32, 'inbox');
    return { privateKey: await importX25519Private(secret, publicKey), publicKey };
  } finally {
    wipe(secret);
  }
}
