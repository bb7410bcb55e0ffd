/** A signed statement of whether this node holds a record for P (metadata create-if-absent). */
import type { Attestation, AttestationBody } from '../protocol/formats.ts';
import type { Identity } from './checks/authenticate.ts';
import type { NodeContext } from './context.ts';
import type { NodeRecord } from './record.ts';
import { signBody } from './sign.ts';

export function attest(
  ctx: NodeContext,
  who: Identity,
  record: NodeRecord | undefined,
): Promise<Attestation> {
  const body: AttestationBody = {
    kind: 'node-attestation',
    node: ctx.self.index,
    P: who.P,
    issuedAt: ctx.now(),
    sessionPub: who.sessionPub,
    registered: record !== undefined,
    epoch: record?.epoch ?? 0,
  };
  return signBody(ctx, body);
}
