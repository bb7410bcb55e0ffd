/** Opens the node store a `--store` URL names (`sqlite:<file>` or `postgres://…?schema=`). */
import { parseStoreUrl } from '../../storage/url.ts';
import type { NodeStore } from './contract.ts';
import { openPostgresNodeStore } from './postgres.ts';
import { openSqliteNodeStore } from './sqlite.ts';

export async function openNodeStore(url: string): Promise<NodeStore> {
  const location = parseStoreUrl(url);
  return location.kind === 'sqlite'
    ? openSqliteNodeStore(location.file)
    : openPostgresNodeStore(location.connectionString, location.schema);
}
