/**
 * Reads the user's record, signed with the network share g(1) (public key M + B₁): only a
 * client that completed a login with the nodes can read it. The answer is validated, must
 * be for P, and its receipt must be the server's for the record's current dealing.
 *
 * @example
 * const { version, record, receipt } = await readRecord(network.metadata, P, share.g);
 */
import { toHex } from '../../crypto/bytes.ts';
import { scalarToBytes } from '../../crypto/scalar.ts';
import { ecdsaSignBody } from '../../crypto/signature.ts';
import { TrineError } from '../../errors/index.ts';
import {
  type MetadataRecord,
  type ReadRequest,
  ReadResponse,
  type Receipt,
  type RecordReadBody,
} from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import { callMetadata, type MetadataCallOptions, type MetadataEndpoint } from './call.ts';
import { verifyReceipt } from './verifyReceipt.ts';

export type ReadRecordReturnType = { version: number; record: MetadataRecord; receipt: Receipt };

/** The signed read request (exported for tests and benchmarks). */
export function signReadRequest(P: string, networkG: bigint, issuedAt: number): ReadRequest {
  const request: RecordReadBody = { kind: 'record-read', P, issuedAt };
  const key = scalarToBytes(networkG);
  try {
    return { request, signature: toHex(ecdsaSignBody(key, request)) };
  } finally {
    key.fill(0);
  }
}

export async function readRecord(
  endpoint: MetadataEndpoint,
  P: string,
  networkG: bigint,
  options: MetadataCallOptions & { now?: () => number } = {},
): Promise<ReadRecordReturnType> {
  const { now = Date.now, ...callOptions } = options;
  const answer = await callMetadata(
    endpoint,
    '/v1/records/read',
    signReadRequest(P, networkG, now()),
    callOptions,
  );
  const { version, record, receipt } = parse(ReadResponse, answer.body, 'read answer');
  if (record.P !== P)
    throw new TrineError({
      code: 'node-error',
      message: `${answer.url}: answered with another user's record`,
    });
  await verifyReceipt(endpoint.signingKey, receipt, record.dealing);
  if (receipt.body.version > version)
    throw new TrineError({ code: 'node-error', message: `${answer.url}: receipt is newer than the record` });
  return { version, record, receipt };
}
