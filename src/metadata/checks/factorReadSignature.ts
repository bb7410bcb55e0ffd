/**
 * A read by factor is authorised by the factor key itself: ECDSA over
 * { kind: 'record-read-by-factor', factor, issuedAt, P? } by the key whose public half is
 * `factor`. The signature is checked before any record is looked up, so an unknown factor
 * and a missing record look the same (404) and a forged request learns nothing (401).
 * `issuedAt` must be within ±60 s of the server's clock, as for reads by g(1).
 */
import { fromHex } from '../../crypto/bytes.ts';
import { TrineError } from '../../errors/index.ts';
import type { ReadByFactorRequest } from '../../protocol/formats.ts';
import type { VerifyUserSignature } from '../context.ts';
import { checkReadWindow } from './readSignature.ts';

export function checkFactorReadSignature(
  verify: VerifyUserSignature,
  { request, signature }: ReadByFactorRequest,
  now: number,
): void {
  checkReadWindow(request.issuedAt, now);
  // a `factor` that is not a curve point cannot have signed: verify answers false
  const ok = verify(fromHex(request.factor, 33, 'factor'), request, fromHex(signature, 64, 'signature'));
  if (!ok)
    throw new TrineError({
      code: 'bad-signature',
      message: 'read signature is not by the factor key named in the request',
      details: { field: 'signature' },
    });
}
