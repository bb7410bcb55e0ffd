/**
 * POST /v1/records/read-by-factor: the record a factor key belongs to, for a user who has
 * lost the network (or their device) and holds two factors (ARCHITECTURE §2: two factors
 * rebuild the key without the network).
 *   parse → ±60 s window and ECDSA by the factor key → per-factor rate → factor index →
 *   the record (request.P among several, else the most recently written) → per-P rate → 200
 * Both budgets are charged only once the signature verifies: a forged read naming someone's
 * factor key costs its sender's address (the HTTP kit's limit) and nothing of the owner's.
 * Why this is safe (docs/PROTOCOL.md): the signer already holds the factor key, so it can
 * open that factor's share; everything else in the record is public commitments or
 * ciphertexts for other keys. "No such factor" and "no record" are one answer: 404.
 */
import { TrineError } from '../../errors/index.ts';
import { ReadByFactorRequest } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import type { Route } from '../../server/http.ts';
import { checkFactorRate } from '../checks/factorRate.ts';
import { checkFactorReadSignature } from '../checks/factorReadSignature.ts';
import { checkVerifiedUserRate } from '../checks/userRate.ts';
import type { MetadataContext } from '../context.ts';
import type { StoredRecord } from '../store/contract.ts';

const notFound = () =>
  new TrineError({ code: 'record-not-found', message: 'no record holds this factor key' });

/** The index and the record commit together; checking the record again costs nothing. */
const holds = ({ record }: StoredRecord, factor: string) =>
  record.factors.some((f) => f.pub === factor) ||
  (record.previous?.factors.some((f) => f.pub === factor) ?? false);

export const readByFactorRoute = (ctx: MetadataContext): Route => ({
  method: 'POST',
  path: '/v1/records/read-by-factor',
  name: 'read-by-factor',
  async handler({ body }) {
    const request = parse(ReadByFactorRequest, body, 'read-by-factor');
    const { factor, P } = request.request;
    checkFactorReadSignature(ctx.verifyUserSignature, request, ctx.now());
    checkFactorRate(ctx, factor);
    const found = (await ctx.store.findByFactor(factor)).filter((s) => holds(s, factor));
    const chosen = P === undefined ? found[0] : found.find((s) => s.record.P === P);
    if (!chosen) throw notFound();
    checkVerifiedUserRate(ctx, chosen.record.P);
    return {
      status: 200,
      body: {
        version: chosen.version,
        record: chosen.record,
        receipt: chosen.receipt,
        others: found.filter((s) => s !== chosen).map((s) => s.record.P),
      },
    };
  },
});
