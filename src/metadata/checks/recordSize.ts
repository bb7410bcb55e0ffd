/** Caps the stored size of a record (its JSON), so one user cannot fill the database. */
import { TrineError } from '../../errors/index.ts';
import type { MetadataRecord } from '../../protocol/formats.ts';

export const MAX_RECORD_BYTES = 256 * 1024;

export function checkRecordSize(record: MetadataRecord): void {
  const size = JSON.stringify(record).length;
  if (size > MAX_RECORD_BYTES)
    throw new TrineError({
      code: 'too-large',
      message: `record is ${size} bytes; at most ${MAX_RECORD_BYTES} are stored`,
      details: { field: 'record', size, max: MAX_RECORD_BYTES },
    });
}
