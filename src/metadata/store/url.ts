/**
 * The `--store` URL: `sqlite:<file>` (embedded) or `postgres://…[?schema=<name>]`.
 * `schema` is the PostgreSQL search_path the store works in (created when missing), so
 * tests and stacks can share one database side by side.
 */
import { TrineError } from '../../errors/index.ts';

export type StoreLocation =
  | { backend: 'sqlite'; file: string }
  | { backend: 'postgres'; connectionString: string; schema: string };

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function parseStoreUrl(url: string): StoreLocation {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw badUrl('sqlite: needs a file, e.g. sqlite:data/metadata.sqlite');
    return { backend: 'sqlite', file };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badUrl('not a valid PostgreSQL URL');
    }
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!SCHEMA_RE.test(schema)) throw badUrl(`schema "${schema}" must match ${SCHEMA_RE}`);
    // pg would forward unknown parameters to the server as settings: keep only the connection
    parsed.searchParams.delete('schema');
    return { backend: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw badUrl('expected sqlite:<file> or postgres://user@host:port/db[?schema=name]');
}

function badUrl(problem: string): TrineError {
  return new TrineError({
    code: 'invalid-input',
    message: `--store: ${problem}`,
    details: { field: 'store' },
  });
}
