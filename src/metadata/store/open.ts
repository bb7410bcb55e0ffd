/** Open the store a `--store` URL names. */

import { parseStoreUrl } from '../../storage/url.ts';
import type { MetadataStore } from './contract.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';

export type { CreateResult, MetadataStore, StoredRecord, SwapResult } from './contract.ts';

export async function openStore(url: string, options: { poolSize?: number } = {}): Promise<MetadataStore> {
  const location = parseStoreUrl(url);
  if (location.kind === 'sqlite') return openSqliteStore(location.file);
  return openPostgresStore(location.connectionString, location.schema, options.poolSize);
}
