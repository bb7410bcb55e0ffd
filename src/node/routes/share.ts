/**
 * POST /v1/share: the login's one call. Known user → this node's sub-shares
 * F(j) ‖ G(j) sealed to the login's sessionPub (slot shareSlot(P, epoch, j, sessionPub))
 * with P, epoch, K, M and the commitments, signed; unknown user → a signed "unknown" and
 * an attestation for the metadata server's create. Both carry this node's inbox key for
 * the user's next dealing (inbox.ts).
 */
import { fromHex, toHex } from '../../crypto/bytes.ts';
import { x25519Seal } from '../../crypto/x25519.ts';
import { type NodeShareBody, ShareRequest, type ShareResponse } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import { shareSlot } from '../../protocol/slots.ts';
import type { Route } from '../../server/http.ts';
import { attest } from '../attestation.ts';
import { authenticate } from '../checks/authenticate.ts';
import type { NodeContext } from '../context.ts';
import { inboxFor } from '../inbox.ts';
import { readRecord } from '../records.ts';
import { signBody } from '../sign.ts';

export function shareRoute(ctx: NodeContext): Route {
  return {
    method: 'POST',
    path: '/v1/share',
    name: 'share',
    async handler({ body }) {
      const request = parse(ShareRequest, body, 'share request');
      const who = await authenticate(ctx, request);
      const [record, inbox] = await Promise.all([readRecord(ctx, who.P), inboxFor(ctx, who.P)]);
      const common = {
        kind: 'node-share',
        node: ctx.self.index,
        P: who.P,
        issuedAt: ctx.now(),
        sessionPub: who.sessionPub,
        inbox,
      } as const;
      if (!record) {
        ctx.metrics.count('shares_total', { status: 'unknown' });
        const answer: ShareResponse = {
          answer: await signBody<NodeShareBody>(ctx, { ...common, status: 'unknown' }),
          attestation: await attest(ctx, who, undefined, inbox),
        };
        return { status: 200, body: answer };
      }
      const plain = fromHex(record.share, 64);
      const sealed = await x25519Seal(
        fromHex(who.sessionPub, 32),
        plain,
        shareSlot(who.P, record.epoch, ctx.self.index, who.sessionPub),
      );
      plain.fill(0);
      ctx.metrics.count('shares_total', { status: 'ok' });
      const answer: ShareResponse = {
        answer: await signBody<NodeShareBody>(ctx, {
          ...common,
          status: 'ok',
          epoch: record.epoch,
          tss: { K: record.K },
          meta: { M: record.M },
          commitments: record.commitments,
          sealed: toHex(sealed),
        }),
      };
      return { status: 200, body: answer };
    },
  };
}
