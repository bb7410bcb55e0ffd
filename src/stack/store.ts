/**
 * The `--store` argument each server gets. Contract with the node and metadata servers:
 *
 * - `sqlite:<absolute file>`: embedded default, one file per server under the data dir.
 * - `postgres://user@host:port/db?schema=<name>`: PostgreSQL; the server creates the schema
 *   if absent and works only inside it (`SET search_path`). The stack gives every server its
 *   own schema, `<prefix>_node_<j>` or `<prefix>_metadata`, so tests can run side by side in
 *   one database by choosing a fresh prefix (`pgSchema` in `startStack`). Metadata replicas
 *   share one schema.
 */
import { join } from 'node:path';

export type StoreOption = 'sqlite' | `postgres://${string}` | `postgresql://${string}`;

export type StoreFor = { kind: 'node'; index: number } | { kind: 'metadata' };

export function storeUrl(store: StoreOption, dir: string, target: StoreFor, pgSchema = 'trine'): string {
  const name = target.kind === 'node' ? `node_${target.index}` : 'metadata';
  if (store === 'sqlite') return `sqlite:${join(dir, `${name.replace('_', '-')}.sqlite`)}`;
  const url = new URL(store);
  url.searchParams.set('schema', `${pgSchema}_${name}`);
  return url.toString();
}
