/**
 * Command-line flags of the servers, one naming for node and metadata: `--<what>-<unit>`
 * (`--address-rate`, `--identity-rate`, `--user-rate`, `--tls-cert`, `--trust-proxy`).
 * Older spellings stay accepted as deprecated aliases (`--rate-address` → `--address-rate`,
 * `--rate-user` → `--user-rate`): the value moves to the new name and one warning line goes
 * to stderr. Giving both spellings, an unknown flag or a bad value stops start-up with a
 * message naming the flag.
 *
 * @example
 * const flags = parseFlags(process.argv.slice(2), { 'address-rate': {} }, { 'rate-address': 'address-rate' });
 * const rate = positiveNumber('address-rate', flags['address-rate']);
 */
import { parseArgs } from 'node:util';
import { invalidInput } from '../errors/index.ts';

export type FlagSpec = Record<string, { default?: string }>;

/** Parses `argv` against `spec`; `deprecated` maps an old spelling to its name in `spec`. */
export function parseFlags(
  argv: readonly string[],
  spec: FlagSpec,
  deprecated: Readonly<Record<string, string>> = {},
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Record<string, string | undefined> {
  const options: Record<string, { type: 'string' }> = {};
  for (const name of [...Object.keys(spec), ...Object.keys(deprecated)]) options[name] = { type: 'string' };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    // node:util names the flag: "Unknown option '--x'", "Option '--port <value>' argument missing"
    throw invalidInput('flags', (error as Error).message);
  }
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(spec)) out[name] = values[name] as string | undefined;
  for (const [old, name] of Object.entries(deprecated)) {
    const value = values[old] as string | undefined;
    if (value === undefined) continue;
    if (out[name] !== undefined)
      throw invalidInput(`--${old}`, `is the deprecated spelling of --${name}; give only --${name}`);
    warn(`warning: --${old} is deprecated, use --${name}`);
    out[name] = value;
  }
  for (const [name, { default: fallback }] of Object.entries(spec))
    if (out[name] === undefined && fallback !== undefined) out[name] = fallback;
  return out;
}

/** A rate or a duration that must be > 0; undefined stays undefined (the default applies). */
export function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw invalidInput(`--${name}`, `expected a positive number, got "${value}"`);
  return n;
}

/** A count, a port or a rate where 0 means "off". */
export function nonNegativeInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw invalidInput(`--${name}`, `expected a non-negative integer, got "${value}"`);
  return n;
}
