/**
 * A signed statement of whether this node holds a record for P, binding the login's
 * candidate metadata key (a create must use exactly that M) and the node's current inbox
 * for P's next dealing.
 */
import type { Attestation, AttestationBody } from '../protocol/formats.ts';
import type { Identity } from './checks/authenticate.ts';
import type { NodeContext } from './context.ts';
import type { NodeRecord } from './record.ts';
import { signBody } from './sign.ts';

export function attest(
  ctx: NodeContext,
  who: Identity,
  record: NodeRecord | undefined,
  inbox: string,
): Promise<Attestation> {
  const body: AttestationBody = {
    kind: 'node-attestation',
    node: ctx.self.index,
    P: who.P,
    issuedAt: ctx.now(),
    sessionPub: who.sessionPub,
    candidateM: who.candidateM,
    inbox,
    registered: record !== undefined,
    epoch: record?.epoch ?? 0,
  };
  return signBody(ctx, body);
}
