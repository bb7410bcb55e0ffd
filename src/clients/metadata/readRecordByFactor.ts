/**
 * Reads the record a factor key belongs to, signed with that factor key: how a user on a
 * fresh device, without the network, finds the record two factors open. The answer is
 * validated, the record must hold the factor (current epoch, or `previous` while a refresh
 * is pending), and its receipt must be the server's for the record's current dealing.
 * `others` lists further records holding the same key (one passkey in two accounts); ask
 * again with `P` to read one of them.
 *
 * @example
 * const { record } = await readRecordByFactor(network.metadata, factorKeyFromPhrase(phrase));
 */
import { toHex } from '../../crypto/bytes.ts';
import { factorPublicKey } from '../../crypto/factors/keys.ts';
import { ecdsaSignBody } from '../../crypto/signature.ts';
import { TrineError } from '../../errors/index.ts';
import {
  type MetadataRecord,
  type ReadByFactorRequest,
  ReadByFactorResponse,
  type Receipt,
  type RecordReadByFactorBody,
} from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import { callMetadata, type MetadataCallOptions, type MetadataEndpoint } from './call.ts';
import { verifyReceipt } from './verifyReceipt.ts';

export type ReadRecordByFactorReturnType = {
  version: number;
  record: MetadataRecord;
  receipt: Receipt;
  /** Other records holding this factor key (their P). */
  others: string[];
};

export type ReadRecordByFactorOptions = MetadataCallOptions & {
  /** Which record, when the factor key belongs to several. */
  P?: string;
  now?: () => number;
};

/** The signed request (exported for tests). */
export function signReadByFactorRequest(
  factorKey: Uint8Array,
  issuedAt: number,
  P?: string,
): ReadByFactorRequest {
  const request: RecordReadByFactorBody = {
    kind: 'record-read-by-factor',
    factor: toHex(factorPublicKey(factorKey)),
    issuedAt,
    ...(P === undefined ? {} : { P }),
  };
  return { request, signature: toHex(ecdsaSignBody(factorKey, request)) };
}

export async function readRecordByFactor(
  endpoint: MetadataEndpoint,
  factorKey: Uint8Array,
  options: ReadRecordByFactorOptions = {},
): Promise<ReadRecordByFactorReturnType> {
  const { now = Date.now, P, ...callOptions } = options;
  const signed = signReadByFactorRequest(factorKey, now(), P);
  const answer = await callMetadata(endpoint, '/v1/records/read-by-factor', signed, callOptions);
  const { version, record, receipt, others } = parse(ReadByFactorResponse, answer.body, 'read answer');
  const factor = signed.request.factor;
  const holds = [...record.factors, ...(record.previous?.factors ?? [])].some((f) => f.pub === factor);
  if (!holds || (P !== undefined && record.P !== P))
    throw new TrineError({
      code: 'node-error',
      message: `${answer.url}: answered with a record this factor is not part of`,
    });
  await verifyReceipt(endpoint.signingKey, receipt, record.dealing);
  if (receipt.body.version > version)
    throw new TrineError({ code: 'node-error', message: `${answer.url}: receipt is newer than the record` });
  return { version, record, receipt, others };
}
