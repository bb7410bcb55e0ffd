/**
 * Create-if-absent of the user's record (first login). Resolves with version 1 and the
 * server's receipt for the record's dealing (verified). If another creator won, throws
 * `AlreadyRegisteredError` with the winner's dealing and receipt (verified) and creation
 * proof, which the wallet checks and relays to the nodes before continuing as a new device.
 *
 * @example
 * const { receipt } = await createRecord(network.metadata, { record, signature });
 */
import { TrineError } from '../../errors/index.ts';
import {
  AlreadyRegistered,
  type CreateRequest,
  type Receipt,
  WriteResponse,
} from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import { callMetadata, type MetadataCallOptions, type MetadataEndpoint } from './call.ts';
import { AlreadyRegisteredError } from './errors.ts';
import { verifyReceipt } from './verifyReceipt.ts';

export type CreateRecordReturnType = { version: number; receipt: Receipt };

export async function createRecord(
  endpoint: MetadataEndpoint,
  request: CreateRequest,
  options: MetadataCallOptions = {},
): Promise<CreateRecordReturnType> {
  const answer = await callMetadata(
    endpoint,
    '/v1/records/create',
    request,
    options,
    (a) => a.status === 201 || (a.status === 409 && isAlreadyRegistered(a.body)),
  );
  if (answer.status === 409) {
    const { dealing, receipt, creation } = parse(AlreadyRegistered, answer.body, 'create answer');
    if (dealing.P !== request.record.P)
      throw new TrineError({ code: 'node-error', message: `${answer.url}: answered for another P` });
    await verifyReceipt(endpoint.signingKey, receipt, dealing);
    throw new AlreadyRegisteredError({ url: answer.url, dealing, receipt, creation });
  }
  const { version, receipt } = parse(WriteResponse, answer.body, 'create answer');
  await verifyReceipt(endpoint.signingKey, receipt, request.record.dealing);
  if (version !== 1 || receipt.body.version !== 1)
    throw new TrineError({
      code: 'node-error',
      message: `${answer.url}: a created record is not at version 1`,
    });
  return { version, receipt };
}

const isAlreadyRegistered = (body: unknown) =>
  (body as { error?: { code?: unknown } } | null)?.error?.code === 'already-registered';
