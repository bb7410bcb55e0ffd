/** POST /v1/attest: a signed statement of whether this node holds the caller's record, and at which epoch. */
import { AttestRequest } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { attest } from '../attestation.ts';
import { authenticate } from '../checks/authenticate.ts';
import type { NodeContext } from '../context.ts';
import { inboxFor } from '../inbox.ts';
import { readRecord } from '../records.ts';

export function attestRoute(ctx: NodeContext): Route {
  return {
    method: 'POST',
    path: '/v1/attest',
    name: 'attest',
    async handler({ body }) {
      const request = parse(AttestRequest, body, 'attest request');
      const who = await authenticate(ctx, request);
      const [record, inbox] = await Promise.all([readRecord(ctx, who.P), inboxFor(ctx, who.P)]);
      return { status: 200, body: await attest(ctx, who, record, inbox) };
    },
  };
}
