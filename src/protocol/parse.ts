import * as v from 'valibot';
import { TrineError } from '../errors/index.ts';

/**
 * Validate untrusted input against a schema. Any failure becomes one
 * `TrineError('invalid-input')` naming the first bad field; nothing else is thrown.
 *
 * @example
 * const body = parse(ShareRequest, json, 'share request');
 */
export function parse<const S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  const field = path ? `${what}.${path}` : what;
  throw new TrineError({
    code: 'invalid-input',
    message: `${field}: ${issueMessage(issue)}`,
    details: { field },
  });
}

/** Lower-case hex of exactly `bytes` bytes (no 0x). */
export const hex = (bytes: number) =>
  v.pipe(
    v.string(),
    v.regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `expected ${bytes} bytes of lower-case hex`),
  );

/** Lower-case hex of at most `maxBytes` bytes (no 0x), even length. */
export const hexUpTo = (maxBytes: number) =>
  v.pipe(
    v.string(),
    v.maxLength(maxBytes * 2, `at most ${maxBytes} bytes`),
    v.regex(/^(?:[0-9a-f]{2})*$/, 'expected lower-case hex'),
  );

/** A positive safe integer in [min, max]. */
export const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer('expected an integer'), v.minValue(min), v.maxValue(max));

/** A compressed secp256k1 point (33 bytes hex). Whether it is on the curve is checked where it is used. */
export const point = hex(33);
/** An Ed25519 or X25519 public key (32 bytes hex). */
export const key32 = hex(32);

/**
 * What an issue says, without the value it received: valibot's default messages end in
 * `but received "<value>"`, and the value may be a key, a phrase or a password.
 */
export function issueMessage(issue: { message: string } | undefined): string {
  return issue ? issue.message.replace(/ but received [\s\S]*$/, '') : 'invalid';
}
