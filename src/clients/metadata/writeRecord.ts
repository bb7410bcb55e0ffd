/**
 * Compare-and-swap write of the user's record, signed by m (see wallet/write.ts
 * `signRecordWrite`). Resolves with the new version and the receipt of the record's current
 * dealing (a new one when the write starts a new epoch), verified. A stale
 * `expectedVersion` throws `VersionConflictError` carrying the server's current version;
 * nothing was changed.
 *
 * @example
 * const { version, receipt } = await writeRecord(network.metadata, next, state.version, signature);
 */
import { TrineError } from '../../errors/index.ts';
import { type MetadataRecord, type Receipt, WriteResponse } from '../../protocol/formats.ts';
import { parse } from '../../protocol/parse.ts';
import { callMetadata, type MetadataCallOptions, type MetadataEndpoint } from './call.ts';
import { VersionConflictError } from './errors.ts';
import { verifyReceipt } from './verifyReceipt.ts';

export type WriteRecordReturnType = { version: number; receipt: Receipt };

export async function writeRecord(
  endpoint: MetadataEndpoint,
  record: MetadataRecord,
  expectedVersion: number,
  signature: string,
  options: MetadataCallOptions = {},
): Promise<WriteRecordReturnType> {
  const answer = await callMetadata(
    endpoint,
    '/v1/records/write',
    { record, expectedVersion, signature },
    options,
    (a) => a.status === 200 || a.status === 409,
  );
  if (answer.status === 409) {
    const error = (
      answer.body as { error?: { code?: unknown; details?: { currentVersion?: unknown } } } | null
    )?.error;
    if (error?.code !== 'version-conflict')
      throw new TrineError({ code: 'node-error', message: `${answer.url}: unexpected 409 answer` });
    const current = error.details?.currentVersion;
    throw new VersionConflictError({
      url: answer.url,
      expectedVersion,
      currentVersion: typeof current === 'number' ? current : null,
    });
  }
  const { version, receipt } = parse(WriteResponse, answer.body, 'write answer');
  await verifyReceipt(endpoint.signingKey, receipt, record.dealing);
  if (version !== expectedVersion + 1 || receipt.body.version > version)
    throw new TrineError({ code: 'node-error', message: `${answer.url}: answered an impossible version` });
  return { version, receipt };
}
