import { toHex } from '../crypto/bytes.ts';
import { taggedHash } from '../crypto/canonical.ts';
import type { Dealing, MetadataRecord } from './formats.ts';

/** hash D: what receipts and dealing authorisations bind. */
export const dealingHash = (dealing: Dealing): string => toHex(taggedHash('trine:dealing:v1', dealing));

/** What a metadata write signature binds. */
export const recordHash = (record: MetadataRecord): string => toHex(taggedHash('trine:record:v1', record));
