/** Every answer a node gives is `{ body, sig }`, signed with its Ed25519 key (PROTOCOL.md). */
import { toHex } from '../crypto/bytes.ts';
import { ed25519SignBody, type SignedBody } from '../crypto/signature.ts';
import type { NodeContext } from './context.ts';

export async function signBody<B extends SignedBody>(
  ctx: NodeContext,
  body: B,
): Promise<{ body: B; sig: string }> {
  return { body, sig: toHex(await ed25519SignBody(ctx.signer, body)) };
}
