/**
 * POST /v1/install: store this node's part of a dealing. In order:
 *   parse → authenticate (token, nonce, P) → the dealing is the caller's (dealing.P = P)
 *   → receipt by the metadata server for this dealing → epoch rule against what is stored
 *   (idempotent re-install answers at once; a new epoch needs m's authorization)
 *   → nothing stored yet: the record's creation proof (≥ t attestations binding M to a login
 *   of this user) and m's authorization of this dealing → commitments tie to (K, A₁), (M, B₁)
 *   → own sub-share opens with the inbox key it was sealed to and matches the commitments
 *   → seal and compare-and-swap, deleting the older epoch and the used inbox key in one
 *   transaction → signed ack.
 */

import { toHex } from '../../crypto/bytes.ts';
import { invalidInput, TrineError } from '../../errors/index.ts';
import { checkCreationAttestations, checkDealingAuthorization } from '../../protocol/creation.ts';
import { type InstallAck, InstallRequest } from '../../protocol/formats.ts';
import { dealingHash } from '../../protocol/hashes.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { authenticate } from '../checks/authenticate.ts';
import { checkDealingCommitments } from '../checks/dealingCommitments.ts';
import { decideEpoch } from '../checks/epochRule.ts';
import { openOwnSubShare } from '../checks/ownSubShare.ts';
import { checkReceipt } from '../checks/receipt.ts';
import type { NodeContext } from '../context.ts';
import { openInbox } from '../inbox.ts';
import { type NodeRecord, sealRecord } from '../record.ts';
import { readRecord } from '../records.ts';
import { signBody } from '../sign.ts';

/** A concurrent install of the same user can win the swap; the loser re-decides this often. */
const SWAP_ATTEMPTS = 3;

export function installRoute(ctx: NodeContext): Route {
  return {
    method: 'POST',
    path: '/v1/install',
    name: 'install',
    async handler({ body }) {
      const request = parse(InstallRequest, body, 'install request');
      const who = await authenticate(ctx, request);
      const { dealing, receipt, authorization, creation } = request;
      if (dealing.P !== who.P)
        throw new TrineError({ code: 'forbidden', message: 'dealing is for another user' });
      const hash = dealingHash(dealing);
      await checkReceipt(ctx, dealing, hash, receipt);

      for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
        const stored = await readRecord(ctx, who.P);
        if (decideEpoch(stored, dealing, hash, authorization) === 'already-installed')
          return ack(ctx, who.P, dealing.epoch, hash);
        if (!stored) {
          // A node that holds nothing would otherwise take any dealing the metadata server
          // signed a receipt for: it must be bound to a login of this user, and to m.
          if (!creation || !authorization)
            throw new TrineError({
              code: 'creation-unproven',
              message: "a first install needs the record's creation proof and the dealing's authorization",
            });
          await checkCreationAttestations(
            ctx.network,
            { P: who.P, M: dealing.meta.M },
            creation.attestations,
          );
          checkDealingAuthorization(dealing.meta.M, dealing, hash, authorization);
        }
        const commitments = checkDealingCommitments(ctx, dealing);
        const mine = dealing.shares.find((s) => s.node === ctx.self.index);
        if (!mine) throw invalidInput('dealing.shares', `no sub-share for node ${ctx.self.index}`);
        const inbox = await openInbox(ctx, who.P, mine.inbox);
        const share = await openOwnSubShare(ctx, dealing, commitments, inbox);
        const record: NodeRecord = {
          v: 1,
          epoch: dealing.epoch,
          share: toHex(share),
          commitments: dealing.commitments,
          K: dealing.tss.K,
          M: dealing.meta.M,
          dealingHash: hash,
        };
        share.fill(0);
        const sealed = sealRecord(ctx.recordKey, who.P, record);
        if (await ctx.store.replace(who.P, stored?.epoch ?? 0, dealing.epoch, sealed, mine.inbox)) {
          ctx.metrics.count('installs_total', { replaced: String(stored !== undefined) });
          ctx.log.info('install', {
            node: ctx.self.index,
            epoch: dealing.epoch,
            replaced: stored?.epoch ?? 0,
          });
          return ack(ctx, who.P, dealing.epoch, hash);
        }
      }
      throw new TrineError({ code: 'version-conflict', message: 'concurrent installs for this user; retry' });
    },
  };
}

async function ack(ctx: NodeContext, P: string, epoch: number, hash: string) {
  const body: InstallAck['body'] = { kind: 'install-ack', node: ctx.self.index, P, epoch, dealingHash: hash };
  const signed: InstallAck = await signBody(ctx, body);
  return { status: 200, body: signed };
}
