/**
 * The `--store` argument of every server, parsed once:
 * - `sqlite:<file>`: the embedded default, one file per server;
 * - `postgres://user@host:port/db?schema=<name>` (or `postgresql://`): PostgreSQL; the
 *   server works only inside `schema` (its search_path), created when absent, so tests and
 *   several servers can share one database. Without `schema` the server uses `public`.
 *
 * @example
 * parseStoreUrl('sqlite:data/local/node-1.sqlite'); // { kind: 'sqlite', file: 'data/local/node-1.sqlite' }
 */
import { invalidInput } from '../errors/index.ts';

export type StoreLocation =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; connectionString: string; schema: string };

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function parseStoreUrl(url: string): StoreLocation {
  if (typeof url !== 'string' || url.length === 0) throw invalidInput('store', 'expected a store URL');
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''); // sqlite:///abs → /abs
    if (file.length === 0)
      throw invalidInput('store', 'sqlite: needs a file name, e.g. sqlite:data/node.sqlite');
    return { kind: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalidInput('store', 'not a valid postgres:// URL');
    }
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!SCHEMA_RE.test(schema)) throw invalidInput('store', 'schema: use a-z, 0-9 and _ (at most 63)');
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw invalidInput('store', 'expected sqlite:<file> or postgres://…?schema=<name>');
}

/** The store URL without credentials, for logs. */
export function describeStore(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `sqlite:${location.file}`;
  const u = new URL(location.connectionString);
  return `postgres://${u.host}${u.pathname} schema ${location.schema}`;
}
